using ChatApp.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Layout;

/// <summary>
/// Dark mode and the navigation drawer work in the browser alone (the server keeps no state for them per tab): these
/// check that they still do what MudBlazor's components did.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LayoutTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const string White = "rgb(255, 255, 255)";
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static ILocator DrawerToggle(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });

    private static ILocator LobbyInDrawer(IPage page) => page.Locator("[data-testid=room-link][data-room=lobby]");

    [Fact]
    public async Task DarkModeTurnsOnStaysOnAfterAReloadAndTurnsOffAgain()
    {
        var page = await App.NewPersonAsync();
        await page.RegisterAsync(Person.New("Dora"));
        await page.OpenRoomAsync("lobby");
        var body = page.Locator("body");
        await Expect(body).ToHaveCSSAsync("background-color", White);

        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(body).Not.ToHaveCSSAsync("background-color", White);

        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("message-input")).ToBeVisibleAsync();
        await Expect(body).Not.ToHaveCSSAsync("background-color", White);

        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(body).ToHaveCSSAsync("background-color", White);
    }

    [Fact]
    public async Task OnAWideScreenTheDrawerIsOpenAndTheMenuButtonClosesAndReopensIt()
    {
        var page = await App.NewPersonAsync();
        await page.RegisterAsync(Person.New("Wade"));
        await page.OpenRoomAsync("lobby");
        await Expect(LobbyInDrawer(page)).ToBeInViewportAsync();

        await DrawerToggle(page).ClickAsync();
        await Expect(LobbyInDrawer(page)).Not.ToBeInViewportAsync();
        await Expect(DrawerToggle(page)).ToHaveAttributeAsync("aria-expanded", "false");

        await DrawerToggle(page).PressAsync("Enter");
        await Expect(LobbyInDrawer(page)).ToBeInViewportAsync();
        await Expect(DrawerToggle(page)).ToHaveAttributeAsync("aria-expanded", "true");
    }

    [Fact]
    public async Task OnAPhoneTheDrawerStartsClosedOpensOverThePageAndClosesOnceARoomIsChosen()
    {
        var page = await App.NewPersonAsync(viewport: Phone);
        await page.RegisterAsync(Person.New("Phil"));
        await page.OpenRoomAsync("lobby");
        await Expect(LobbyInDrawer(page)).Not.ToBeInViewportAsync();

        await DrawerToggle(page).ClickAsync();
        await Expect(LobbyInDrawer(page)).ToBeInViewportAsync();

        await LobbyInDrawer(page).ClickAsync();
        await Expect(LobbyInDrawer(page)).Not.ToBeInViewportAsync();
        await Expect(page.GetByTestId("room-title")).ToBeVisibleAsync();
    }
}
