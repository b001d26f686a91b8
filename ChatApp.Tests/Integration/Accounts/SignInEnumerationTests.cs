using System.Net;
using ChatApp.Web.Components.Account;

namespace ChatApp.Tests.Integration.Accounts;

public sealed class SignInEnumerationTests : IAsyncLifetime
{
    private readonly AccountTestHost host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task UnknownEmailWrongPasswordAndLockedAccountsGetTheSameAnswerAfterTheSameWork()
    {
        var known = await host.CreateUserAsync("Kim");
        var lockedByAdmin = await host.CreateUserAsync("Lars", LockByAdministratorAsync);
        var lockedOut = await host.CreateUserAsync("Lena", (user, users) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1)));
        var browser = host.Client();

        var answers = new List<(string? Error, int HashChecks)>();
        foreach (var email in new[] { "nobody-here@example.test", known.Email!, lockedByAdmin.Email!, lockedOut.Email! })
        {
            var before = host.Hasher.Verifications;
            var response = await browser.SignInAsync(email, "Wrong-Password-123");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((Forms.TestIdText(await response.Content.ReadAsStringAsync(), "login-error"), host.Hasher.Verifications - before));
        }

        Assert.All(answers, answer => Assert.Equal(("Wrong email or password.", 1), answer));
    }

    [Fact]
    public async Task ALockedAccountSaysWhyOnlyToItsRightPassword()
    {
        var lockedByAdmin = await host.CreateUserAsync("Lars", LockByAdministratorAsync);
        var lockedOut = await host.CreateUserAsync("Lena", (user, users) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1)));
        var browser = host.Client();

        var adminLocked = await browser.SignInAsync(lockedByAdmin.Email!, AccountTestHost.Password);
        var timedOut = await browser.SignInAsync(lockedOut.Email!, AccountTestHost.Password);

        Assert.Equal("This account has been locked by an administrator.", Forms.TestIdText(await adminLocked.Content.ReadAsStringAsync(), "login-error"));
        Assert.Contains("locked out", Forms.TestIdText(await timedOut.Content.ReadAsStringAsync(), "login-error"));
    }

    [Fact]
    public async Task TheWrongPasswordThatLocksAnAccountGetsTheUsualAnswer()
    {
        var nina = await host.CreateUserAsync("Nina");
        var browser = host.Client();
        string? lastError = null;
        for (var i = 0; i < 5; i++)
        {
            lastError = Forms.TestIdText(await (await browser.SignInAsync(nina.Email!, $"Wrong-Password-{i}-x")).Content.ReadAsStringAsync(), "login-error");
        }

        Assert.NotNull((await host.FindAsync(nina.Email!)).LockoutEnd);
        Assert.Equal("Wrong email or password.", lastError);
    }

    [Fact]
    public async Task FailedSignInsAreLoggedWithAccountAddressAndReasonButNeverThePassword()
    {
        var mia = await host.CreateUserAsync("Mia");
        var browser = host.Client("203.0.113.7");

        await browser.SignInAsync("stranger@example.test", "Secret-Guess-One");
        await browser.SignInAsync(mia.Email!, "Secret-Guess-Two");

        var failures = host.Logs.WithEventId(AccountLog.Events.SignInFailed).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Equal(["unknown", mia.Id], failures.Select(f => f.Values["AccountId"]));
        Assert.All(failures, f => Assert.Equal("203.0.113.7", f.Values["ClientAddress"]));
        Assert.Equal(["no account has this email", "wrong password"], failures.Select(f => f.Values["Reason"]));
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Message.Contains("Secret-Guess") || entry.Values.Values.Any(v => v?.Contains("Secret-Guess") == true));
    }

    [Fact]
    public async Task AWrongPasswordWhileTheDatabaseRefusesWritesGetsAClearAnswerNotA500()
    {
        var dora = await host.CreateUserAsync("Dora");
        var browser = host.Client();
        await browser.GetAsync("/Account/Login");
        host.Writes.Refusing = true;

        var response = await browser.SignInAsync(dora.Email!, "Wrong-Password-123");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("try again later", Forms.TestIdText(await response.Content.ReadAsStringAsync(), "login-error"));
        Assert.Single(host.Logs.WithEventId(AccountLog.Events.SignInStorageFailed));
    }

    private static async Task LockByAdministratorAsync(Core.Data.ChatUser user, Microsoft.AspNetCore.Identity.UserManager<Core.Data.ChatUser> users)
    {
        user.LockReason = "spamming the lobby";
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
    }
}
