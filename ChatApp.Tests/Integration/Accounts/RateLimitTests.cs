using System.Net;
using ChatApp.Web.Components.Account;

namespace ChatApp.Tests.Integration.Accounts;

public sealed class RateLimitTests
{
    [Fact]
    public async Task SignInsOverTheLimitGet429AndAReadablePageWithoutThePasswordBeingChecked()
    {
        await using var host = new AccountTestHost(new Dictionary<string, string>
        {
            ["RateLimits:SignIn:PermitLimit"] = "3",
            ["RateLimits:SignIn:Window"] = "01:00:00",
        });
        var victim = await host.CreateUserAsync("Victor");
        var browser = host.Client();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await browser.SignInAsync(victim.Email!, $"wrong-guess-{i}-long");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        var checksBefore = host.Hasher.Verifications;

        var refused = await browser.SignInAsync(victim.Email!, "wrong-guess-3-long");
        var refusedRight = await browser.SignInAsync(victim.Email!, AccountTestHost.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedRight.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Too many attempts", page);
        Assert.Contains("try again", page);
        Assert.StartsWith("text/html", refused.Content.Headers.ContentType?.ToString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(checksBefore, host.Hasher.Verifications);
        Assert.Equal(3, (await host.FindAsync(victim.Email!)).AccessFailedCount);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Login")).StatusCode);
        Assert.Single(host.Logs.WithEventId(AccountLog.Events.FormPostsRateLimited).Take(1));
    }

    [Fact]
    public async Task AnotherAddressIsNotHeldBackByOneThatHitTheLimit()
    {
        await using var host = new AccountTestHost(new Dictionary<string, string>
        {
            ["RateLimits:SignIn:PermitLimit"] = "1",
            ["RateLimits:SignIn:Window"] = "01:00:00",
        });
        var olga = await host.CreateUserAsync("Olga");
        var noisy = host.Client("203.0.113.9");
        await noisy.SignInAsync("nobody@example.test", "wrong-guess-long");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await noisy.SignInAsync("nobody@example.test", "wrong-guess-long")).StatusCode);

        var response = await host.Client("198.51.100.20").SignInAsync(olga.Email!, AccountTestHost.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/rooms", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData("/Account/Register", "Register")]
    [InlineData("/Account/ForgotPassword", "AccountEmail")]
    [InlineData("/Account/ResendEmailConfirmation", "AccountEmail")]
    [InlineData("/Account/LoginWith2fa", "TwoFactor")]
    [InlineData("/Account/LoginWithRecoveryCode", "TwoFactor")]
    public async Task EveryAccountFormThatStrangersCanHammerIsLimitedPerAddress(string path, string limit)
    {
        await using var host = new AccountTestHost(new Dictionary<string, string>
        {
            [$"RateLimits:{limit}:PermitLimit"] = "1",
            [$"RateLimits:{limit}:Window"] = "01:00:00",
        });
        var browser = host.Client(followRedirects: false);
        var token = await browser.AntiforgeryTokenAsync("/Account/Login");
        HttpContent Form() => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "any",
        });

        var first = await browser.PostAsync(path, Form());
        var second = await browser.PostAsync(path, Form());

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("Too many attempts", await second.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task OneAddressCannotLockTheSeededAdminOut()
    {
        await using var host = new AccountTestHost(new Dictionary<string, string>
        {
            ["RateLimits:FailedSignInsPerAccount:PermitLimit"] = "3",
            ["RateLimits:FailedSignInsPerAccount:Window"] = "00:15:00",
        });
        var attacker = host.Client("203.0.113.66");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add((await attacker.SignInAsync(ChatAppFactory.AdminEmail, $"not-the-password-{i}")).StatusCode);
        }
        var lastAnswer = await (await attacker.SignInAsync(ChatAppFactory.AdminEmail, ChatAppFactory.AdminPassword)).Content.ReadAsStringAsync();
        var countedFailures = (await host.FindAsync(ChatAppFactory.AdminEmail)).AccessFailedCount;

        var admin = host.Client("198.51.100.5");
        var signedIn = await admin.SignInAsync(ChatAppFactory.AdminEmail, ChatAppFactory.AdminPassword);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 7)], answers);
        Assert.Contains("Too many failed sign-ins", Forms.TestIdText(lastAnswer, "login-error"));
        Assert.Equal(3, countedFailures);
        Assert.Null((await host.FindAsync(ChatAppFactory.AdminEmail)).LockoutEnd);
        Assert.EndsWith("/rooms", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(8, host.Logs.WithEventId(AccountLog.Events.SignInThrottled).Count());
    }
}
