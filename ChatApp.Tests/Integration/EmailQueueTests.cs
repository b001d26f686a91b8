using System.Collections.Concurrent;
using System.Net;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using ChatApp.Tests.Integration.Accounts;
using ChatApp.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Integration;

/// <summary>
/// Account-email pages answer before the mail is sent, so a known address (mail goes out) answers as fast as an
/// unknown one (nothing to send); the mail still arrives.
/// </summary>
public sealed class EmailQueueTests : IAsyncLifetime
{
    private readonly FakeSmtpServer smtp = new();
    private readonly ChatAppFactory app = new();
    private readonly HeldSender held = new();

    public async Task InitializeAsync()
    {
        app.Settings["Email:SmtpHost"] = "localhost";
        app.Settings["Email:SmtpPort"] = smtp.Port.ToString();
        app.Settings["Email:Security"] = "None";
        app.Settings["Email:PublicBaseUrl"] = "https://chat.example.test";
        app.Settings["RateLimits:AccountEmail:PermitLimit"] = "1000";
        await using var scope = Web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var ivy = new ChatUser { UserName = "ivy@example.test", Email = "ivy@example.test", DisplayName = "Ivy" };
        Assert.True((await users.CreateAsync(ivy, "Tangerine-Kite-42")).Succeeded);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Web => field ??= app.WithWebHostBuilder(builder =>
        builder.ConfigureTestServices(services => services.AddKeyedSingleton<IEmailSender<ChatUser>>(EmailQueue.DeliveryKey, (sp, _) =>
        {
            held.Inner = ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp);
            return held;
        })));

    [Theory]
    [InlineData("/Account/ForgotPassword", "forgot-password", "Reset your ChatApp password")]
    [InlineData("/Account/ResendEmailConfirmation", "resend-email-confirmation", "Confirm your ChatApp account")]
    public async Task ThePageAnswersWhileTheMailIsStillBeingSentAndTheMailArrives(string page, string form, string subject)
    {
        var browser = Web.CreateClient();

        var response = await browser.PostFormAsync(page, form, new Dictionary<string, string> { ["Input.Email"] = "ivy@example.test" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await held.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(smtp.Received);
        held.Release();
        var mail = await smtp.WaitForMailToAsync("ivy@example.test");
        Assert.Equal(subject, mail.Message.Subject);
        Assert.StartsWith("https://chat.example.test/Account/", mail.Link);
    }

    public async Task DisposeAsync()
    {
        held.Release();
        await app.DisposeAsync();
        await smtp.DisposeAsync();
    }

    /// <summary>The real SMTP sender behind a gate: a mail starts, then waits until the test releases it.</summary>
    private sealed class HeldSender : IEmailSender<ChatUser>
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IEmailSender<ChatUser> Inner { get; set; } = default!;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => released.TrySetResult();

        public Task SendConfirmationLinkAsync(ChatUser user, string email, string confirmationLink) =>
            Held(() => Inner.SendConfirmationLinkAsync(user, email, confirmationLink));

        public Task SendPasswordResetLinkAsync(ChatUser user, string email, string resetLink) =>
            Held(() => Inner.SendPasswordResetLinkAsync(user, email, resetLink));

        public Task SendPasswordResetCodeAsync(ChatUser user, string email, string resetCode) =>
            Held(() => Inner.SendPasswordResetCodeAsync(user, email, resetCode));

        private async Task Held(Func<Task> send)
        {
            Started.TrySetResult();
            await released.Task;
            await send();
        }
    }
}
