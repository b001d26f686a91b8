using System.Net;
using ChatApp.Web.Components.Account;

namespace ChatApp.Tests.Integration.Accounts;

/// <summary>Someone at a signed-in browser cannot guess its owner's password without end.</summary>
public sealed class CurrentPasswordLimitTests
{
    private const string NewPassword = "Marmalade-Comet-97";

    [Fact]
    public async Task AfterFiveWrongCurrentPasswordsChangingIsRefusedEvenWithTheRightOneAndEachFailureIsLogged()
    {
        await using var host = new AccountTestHost();
        var carl = await host.CreateUserAsync("Carl");
        var browser = host.Client("203.0.113.44");
        await browser.SignInAsync(carl.Email!, AccountTestHost.Password);
        var answers = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await ChangeAsync(browser, $"guess-number-{i}-of-many"));
        }
        var checksBefore = host.Hasher.Verifications;

        var refused = await ChangeAsync(browser, AccountTestHost.Password);

        Assert.All(answers, answer => Assert.Equal("Error: Incorrect password.", answer));
        Assert.Equal("Error: Too many wrong passwords. Try again in 15 minutes.", refused);
        Assert.Equal(checksBefore, host.Hasher.Verifications);
        var failures = host.Logs.WithEventId(AccountLog.Events.WrongCurrentPassword).ToList();
        Assert.Equal(5, failures.Count);
        Assert.All(failures, entry =>
        {
            Assert.Equal(carl.Id, entry.Values["AccountId"]);
            Assert.Equal("203.0.113.44", entry.Values["ClientAddress"]);
            Assert.DoesNotContain("guess-number", entry.Message);
        });
        Assert.Single(host.Logs.WithEventId(AccountLog.Events.CurrentPasswordThrottled));
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Message.Contains("guess-number") || entry.Message.Contains(AccountTestHost.Password));
    }

    [Fact]
    public async Task ClosingTheAccountCountsWrongPasswordsAgainstTheSameBudget()
    {
        await using var host = new AccountTestHost();
        var dora = await host.CreateUserAsync("Dora");
        var browser = host.Client();
        await browser.SignInAsync(dora.Email!, AccountTestHost.Password);
        for (var i = 0; i < 5; i++)
        {
            await ChangeAsync(browser, $"guess-number-{i}-of-many");
        }

        var response = await browser.PostFormAsync("/Account/Manage/DeletePersonalData", "delete-user",
            new Dictionary<string, string> { ["Input.Password"] = AccountTestHost.Password });

        Assert.Contains("Too many wrong passwords", await response.Content.ReadAsStringAsync());
        Assert.True(await host.ExistsAsync(dora.Email!));
    }

    [Fact]
    public async Task TheRightPasswordStillChangesItAfterAFewTypos()
    {
        await using var host = new AccountTestHost();
        var gwen = await host.CreateUserAsync("Gwen");
        var browser = host.Client();
        await browser.SignInAsync(gwen.Email!, AccountTestHost.Password);
        for (var i = 0; i < 4; i++)
        {
            await ChangeAsync(browser, $"guess-number-{i}-of-many");
        }

        Assert.Equal("Your password has been changed", await ChangeAsync(browser, AccountTestHost.Password));
    }

    [Theory]
    [InlineData("/Account/Manage/ChangePassword")]
    [InlineData("/Account/Manage/SetPassword")]
    [InlineData("/Account/Manage/DeletePersonalData")]
    public async Task PasswordFormsAreLimitedPerAddress(string path)
    {
        await using var host = new AccountTestHost(new Dictionary<string, string>
        {
            ["RateLimits:AccountPassword:PermitLimit"] = "1",
            ["RateLimits:AccountPassword:Window"] = "01:00:00",
        });
        var hana = await host.CreateUserAsync("Hana");
        var browser = host.Client(followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(hana.Email!, AccountTestHost.Password)).StatusCode);
        var token = await browser.AntiforgeryTokenAsync("/Account/Manage");
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
    }

    /// <summary>Posts the change-password form; the page's status message (or null).</summary>
    private static async Task<string?> ChangeAsync(HttpClient browser, string current)
    {
        var response = await browser.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = current,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var status = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"alert[^\"]*\"[^>]*>(.*?)<", System.Text.RegularExpressions.RegexOptions.Singleline);
        return status.Success ? System.Net.WebUtility.HtmlDecode(status.Groups[1].Value).Trim() : null;
    }
}
