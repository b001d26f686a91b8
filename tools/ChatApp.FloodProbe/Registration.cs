using Microsoft.Playwright;

namespace ChatApp.FloodProbe;

/// <summary>A person registered through the real form in a browser context of their own (shared by the probes).</summary>
public static class Registration
{
    public const string Password = "Tangerine-Kite-42";

    public static async Task<IPage> RegisterAsync(IBrowser browser, string baseUrl, string email, string displayName, float timeoutMs)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl });
        context.SetDefaultTimeout(timeoutMs);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Register");
        await page.GetByTestId("register-email").FillAsync(email);
        await page.GetByTestId("register-displayname").FillAsync(displayName);
        await page.GetByTestId("register-password").FillAsync(Password);
        await page.GetByTestId("register-confirm-password").FillAsync(Password);
        await page.GetByTestId("register-submit").ClickAsync();
        await page.WaitForURLAsync("**/rooms");
        return page;
    }
}
