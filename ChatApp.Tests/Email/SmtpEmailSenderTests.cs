using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatApp.Tests.Email;

public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private readonly FakeSmtpServer smtp = new();
    private readonly ChatUser alice = new() { Id = "u1", DisplayName = "Alice", Email = "alice@example.test" };

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider time = new();

    private SmtpEmailSender Sender(string host = "localhost", int? port = null) => new(
        Options.Create(new EmailOptions { SmtpHost = host, SmtpPort = port ?? smtp.Port, Security = "None", From = "ChatApp <chat@example.test>" }),
        time,
        NullLogger<SmtpEmailSender>.Instance);

    [Fact]
    public async Task ConfirmationMailCarriesTheWorkingLinkToTheUser()
    {
        const string link = "http://localhost:5000/Account/ConfirmEmail?userId=u1&code=abc-DEF_123";

        await Sender().SendConfirmationLinkAsync(alice, "alice@example.test", System.Text.Encodings.Web.HtmlEncoder.Default.Encode(link));

        var mail = await smtp.WaitForMailToAsync("alice@example.test");
        Assert.Equal(link, mail.Link);
        Assert.Equal("Confirm your ChatApp account", mail.Message.Subject);
        Assert.Equal("chat@example.test", mail.Message.From.Mailboxes.Single().Address);
        Assert.Contains($"href=\"{link.Replace("&", "&amp;")}\"", mail.Message.HtmlBody);
    }

    [Fact]
    public async Task PasswordResetMailGoesToTheGivenAddress()
    {
        const string link = "http://localhost:5000/Account/ResetPassword?code=xyz";

        await Sender().SendPasswordResetLinkAsync(alice, "alice.new@example.test", link);

        var mail = await smtp.WaitForMailToAsync("alice.new@example.test");
        Assert.Equal(link, mail.Link);
        Assert.Equal("Reset your ChatApp password", mail.Message.Subject);
    }

    [Fact]
    public async Task WithoutAServerNothingIsSentAndNothingFails()
    {
        await Sender(host: "").SendConfirmationLinkAsync(alice, "alice@example.test", "http://localhost/x");

        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task NoAddressGetsMoreThanAFewMailsAnHour()
    {
        var sender = Sender();
        for (var i = 0; i < SmtpEmailSender.MailsPerAddressPerHour + 3; i++)
        {
            await sender.SendPasswordResetLinkAsync(alice, "alice@example.test", $"http://localhost/reset/{i}");
        }
        await sender.SendPasswordResetLinkAsync(alice, "other@example.test", "http://localhost/other");

        Assert.Equal(SmtpEmailSender.MailsPerAddressPerHour, smtp.Received.Count(m => m.Recipients.Contains("alice@example.test")));
        Assert.Single(smtp.Received, m => m.Recipients.Contains("other@example.test"));
        time.Advance(TimeSpan.FromHours(1));
        await sender.SendPasswordResetLinkAsync(alice, "ALICE@example.test", "http://localhost/later");
        Assert.Equal(SmtpEmailSender.MailsPerAddressPerHour + 1, smtp.Received.Count(m => m.Recipients.Contains("ALICE@example.test", StringComparer.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task AMailServerThatIsDownIsLoggedNotThrownAtThePage()
    {
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();

        await Sender(port: port).SendConfirmationLinkAsync(alice, "alice@example.test", "http://localhost/x");

        Assert.Empty(smtp.Received);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await smtp.DisposeAsync();
}
