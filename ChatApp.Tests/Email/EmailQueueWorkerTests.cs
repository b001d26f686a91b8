using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace ChatApp.Tests.Email;

public sealed class EmailQueueWorkerTests
{
    [Fact]
    public async Task AMailThatFailsIsLoggedAndTheNextOneStillGoesOut()
    {
        var logs = new LogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var queue = new EmailQueue(factory.CreateLogger<EmailQueue>());
        var delivery = new FailingOnceSender();
        using var worker = new EmailQueueWorker(queue, delivery, factory.CreateLogger<EmailQueueWorker>());
        var pages = new QueuedEmailSender(queue);
        var user = new ChatUser { Id = "u-1", DisplayName = "Ivy" };
        await worker.StartAsync(CancellationToken.None);

        await pages.SendPasswordResetLinkAsync(user, "ivy@example.test", "https://chat.example.test/first");
        await pages.SendConfirmationLinkAsync(user, "ivy@example.test", "https://chat.example.test/second");

        Assert.Equal("https://chat.example.test/second", await delivery.Sent.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("u-1", error.Message);
        Assert.IsType<InvalidOperationException>(error.Exception);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void AFullQueueDropsTheMailAndSaysSoInsteadOfGrowing()
    {
        var logs = new LogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var queue = new EmailQueue(factory.CreateLogger<EmailQueue>());
        var pages = new QueuedEmailSender(queue);
        var user = new ChatUser { Id = "u-2", DisplayName = "Jo" };

        for (var i = 0; i < EmailQueue.Capacity + 3; i++)
        {
            pages.SendConfirmationLinkAsync(user, "jo@example.test", "https://chat.example.test/x");
        }

        Assert.Equal(EmailQueue.Capacity, queue.Reader.Count);
        Assert.Equal(3, logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("not sent")));
    }

    private sealed class FailingOnceSender : IEmailSender<ChatUser>
    {
        private int calls;

        public TaskCompletionSource<string> Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task SendConfirmationLinkAsync(ChatUser user, string email, string confirmationLink) => Send(confirmationLink);

        public Task SendPasswordResetLinkAsync(ChatUser user, string email, string resetLink) => Send(resetLink);

        public Task SendPasswordResetCodeAsync(ChatUser user, string email, string resetCode) => Send(resetCode);

        private Task Send(string content)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("The mail server hung up.");
            }
            Sent.TrySetResult(content);
            return Task.CompletedTask;
        }
    }
}
