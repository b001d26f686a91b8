using System.Net;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Account;

namespace ChatApp.Tests.Integration.Accounts;

public sealed class RegistrationTests
{
    [Fact]
    public async Task RegisteringATakenAddressDoesNotSaySo()
    {
        await using var host = new AccountTestHost();
        var taken = await host.CreateUserAsync("Tara");

        var response = await host.Client().RegisterAsync(taken.Email!, "Someone Else", "Another-Fine-Phrase-7");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("No account was created with these details", page);
        Assert.DoesNotContain("taken", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("is already", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Tara", (await host.FindAsync(taken.Email!)).DisplayName);
        Assert.Single(host.Logs.WithEventId(AccountLog.Events.RegistrationOfTakenAddress));
    }

    [Fact]
    public async Task WhereAccountsAreConfirmedByEmailATakenAddressLooksLikeANewOneAndItsOwnerIsMailed()
    {
        await using var smtp = new FakeSmtpServer();
        await using var host = new AccountTestHost(new Dictionary<string, string>
        {
            ["Email:SmtpHost"] = "localhost",
            ["Email:SmtpPort"] = smtp.Port.ToString(),
            ["Email:Security"] = "None",
            ["Email:PublicBaseUrl"] = "https://chat.example.test",
            ["Identity:SignIn:RequireConfirmedAccount"] = "true",
        });
        var taken = await host.CreateUserAsync("Tara");
        var browser = host.Client(followRedirects: false);

        var forNew = await browser.RegisterAsync("fresh@example.test", "Fresh Face", "Another-Fine-Phrase-7");
        var forTaken = await browser.RegisterAsync(taken.Email!, "Someone Else", "Another-Fine-Phrase-7");

        Assert.Equal(HttpStatusCode.Redirect, forTaken.StatusCode);
        Assert.Equal(
            forNew.Headers.Location!.ToString().Replace(Uri.EscapeDataString("fresh@example.test"), "EMAIL"),
            forTaken.Headers.Location!.ToString().Replace(Uri.EscapeDataString(taken.Email!), "EMAIL"));
        var mail = await smtp.WaitForMailToAsync(taken.Email!);
        Assert.StartsWith("https://chat.example.test/Account/ResetPassword?", mail.Link);
    }

    [Fact]
    public async Task RegistrationWhileTheDatabaseRefusesWritesGetsAClearAnswerNotA500()
    {
        await using var host = new AccountTestHost();
        var browser = host.Client();
        await browser.GetAsync("/Account/Register");
        host.Writes.Refusing = true;

        var response = await browser.RegisterAsync("full@example.test", "Full Disk", "Another-Fine-Phrase-7");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("try again later", await response.Content.ReadAsStringAsync());
        Assert.Single(host.Logs.WithEventId(AccountLog.Events.RegistrationStorageFailed));
    }

    [Theory]
    [InlineData("short-1", "at least 10 characters")]
    [InlineData("1234567890", "most common passwords")]
    [InlineData("my-wendy-password", "name part of your email")]
    [InlineData("i-am-WENDY SMITH!", "display name")]
    public async Task RegistrationExplainsWhichPasswordRuleWasBroken(string password, string explanation)
    {
        await using var host = new AccountTestHost();

        var response = await host.Client().RegisterAsync("wendy@example.test", "Wendy Smith", password);

        Assert.Contains(explanation, await response.Content.ReadAsStringAsync());
        Assert.False(await host.ExistsAsync("wendy@example.test"));
    }

    [Fact]
    public async Task ALongPasswordWithoutDigitsCapitalsOrSymbolsIsFine()
    {
        await using var host = new AccountTestHost();

        var response = await host.Client().RegisterAsync("plain@example.test", "Plain Jane", "correct horse battery staple");

        Assert.EndsWith("/rooms", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(await host.ExistsAsync("plain@example.test"));
    }
}
