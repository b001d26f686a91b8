using System.Net;

namespace ChatApp.Tests.Integration.Accounts;

/// <summary>Pages beyond sign-in and registration that would otherwise tell a stranger which emails have accounts.</summary>
public sealed class AccountEnumerationPagesTests
{
    private const string ResetPage = "/Account/ResetPassword?code=bWFkZS11cA";

    [Fact]
    public async Task TheRegistrationConfirmationPageLooksTheSameForAnyAddress()
    {
        await using var host = new AccountTestHost();
        var known = await host.CreateUserAsync("Kim");
        var browser = host.Client(followRedirects: false);

        var forKnown = await browser.GetAsync($"/Account/RegisterConfirmation?email={Uri.EscapeDataString(known.Email!)}");
        var forUnknown = await browser.GetAsync($"/Account/RegisterConfirmation?email={Uri.EscapeDataString("nobody@example.test")}");

        Assert.Equal(HttpStatusCode.OK, forKnown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forUnknown.StatusCode);
        var knownText = Forms.TestIdText(await forKnown.Content.ReadAsStringAsync(), "register-confirmation");
        var unknownText = Forms.TestIdText(await forUnknown.Content.ReadAsStringAsync(), "register-confirmation");
        Assert.NotNull(knownText);
        Assert.Equal(knownText.Replace(known.Email!, "EMAIL"), unknownText?.Replace("nobody@example.test", "EMAIL"));
    }

    [Fact]
    public async Task ResettingThePasswordOfAnUnknownAddressAnswersLikeAKnownOneWithAMadeUpCode()
    {
        await using var host = new AccountTestHost();
        var known = await host.CreateUserAsync("Kim");
        var browser = host.Client();

        var forKnown = await ResetAsync(browser, known.Email!);
        var forUnknown = await ResetAsync(browser, "nobody@example.test");

        Assert.Contains("Invalid token", forKnown);
        Assert.Contains("Invalid token", forUnknown);
    }

    private static async Task<string> ResetAsync(HttpClient browser, string email)
    {
        var response = await browser.PostFormAsync(ResetPage, "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Code"] = "made-up",
            ["Input.Password"] = "Another-Fine-Phrase-7",
            ["Input.ConfirmPassword"] = "Another-Fine-Phrase-7",
        });
        return await response.Content.ReadAsStringAsync();
    }
}
