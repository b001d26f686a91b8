using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Security;

/// <summary>
/// Every kind of page works under the site's Content-Security-Policy: the browser reports no violation, and the
/// interactive pages get their circuit (a blocked script or WebSocket would leave them blank).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ContentSecurityPolicyTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static readonly string[] AccountPages =
    [
        "/Account/Manage", "/Account/Manage/Email", "/Account/Manage/ChangePassword",
        "/Account/Manage/TwoFactorAuthentication", "/Account/Manage/EnableAuthenticator",
        "/Account/Manage/Passkeys", "/Account/Manage/PersonalData",
    ];

    private static readonly (string Path, string Proof)[] AdminPages =
    [
        ("/admin/rooms", "admin-room"), ("/admin/rooms/lobby", "member-add-input"),
        ("/admin/users", "admin-user"), ("/admin/audit", "user-menu"),
    ];

    [Fact]
    public async Task ThePagesOfAPersonRunWithoutAnyPolicyViolation()
    {
        var (page, watch) = await NewBrowserAsync();
        var person = Person.New("Csp");

        await VisitAsync(page, "/Account/Login", "login-email");
        await VisitAsync(page, "/no-such-page", "not-found");
        await page.RegisterAsync(person);
        await VisitAsync(page, "/rooms", "room-link");
        await page.OpenRoomAsync("lobby");
        await page.MessageInput().FillAsync($"policy check {person.DisplayName}");
        await page.MessageInput().PressAsync("Enter");
        await Expect(page.Messages().Filter(new() { HasText = $"policy check {person.DisplayName}" })).ToHaveCountAsync(1);
        await page.GetByTestId("user-menu").ClickAsync();
        await Expect(page.GetByTestId("status-select")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await VisitAsync(page, "/people", "site-online-count");
        foreach (var path in AccountPages)
        {
            await VisitAsync(page, path, null);
        }

        watch.AssertNone();
    }

    [Fact]
    public async Task TheAdministratorsPagesRunWithoutAnyPolicyViolation()
    {
        var (page, watch) = await NewBrowserAsync();

        await VisitAsync(page, "/Account/Register", "register-email");
        await page.SignInAsync(KestrelAppFactory.Admin);
        await page.WaitForCircuitAsync();
        foreach (var (path, proof) in AdminPages)
        {
            await VisitAsync(page, path, proof);
        }

        watch.AssertNone();
    }

    private async Task<(IPage Page, BrowserPolicyWatch Watch)> NewBrowserAsync()
    {
        var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl });
        context.SetDefaultTimeout(AppFixture.ActionTimeoutMs);
        var watch = await BrowserPolicyWatch.AttachAsync(context);
        return (await context.NewPageAsync(), watch);
    }

    /// <summary>Opens a page and waits until it shows what proves it works (an interactive page: its circuit is up).</summary>
    private static async Task VisitAsync(IPage page, string path, string? proof)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true } || path == "/no-such-page", $"{path} answered {response?.Status}");
        if (proof is not null)
        {
            await page.GetByTestId(proof).First.WaitForAsync();
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
