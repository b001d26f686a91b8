using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Account;

[Collection(AppCollection.Name)]
public sealed class CloseAccountTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public async Task ClosingYourAccountSignsOutYourOtherTabsAndOthersSeeYouLeave()
    {
        var (a, b, _, bob) = await App.TwoInTheLobbyAsync();
        var bobsOtherTab = await b.Context.NewPageAsync();
        await bobsOtherTab.OpenRoomAsync("lobby");
        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-connections", "2");

        await b.GotoAsync("/Account/Manage/DeletePersonalData");
        await b.Locator("[id='Input.Password']").FillAsync(bob.Password);
        await b.GetByRole(AriaRole.Button, new() { Name = "Delete data and close my account" }).ClickAsync();

        await bobsOtherTab.WaitForAddressAsync("**/Account/Login**");
        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(0);
        await Expect(a.PresenceEvents(bob, "left")).ToHaveCountAsync(1);
        var stranger = await App.NewPersonAsync();
        await stranger.SignInAsync(bob);
        await Expect(stranger.GetByTestId("login-error")).ToContainTextAsync("Wrong email or password");
    }

    [Fact]
    public async Task TheLastAdministratorIsToldWhyTheirAccountStays()
    {
        // An app of its own: should the check ever fail, the shared app keeps its administrator.
        await using var own = new KestrelAppFactory();
        var context = await App.NewContextAsync(new() { BaseURL = own.Start() });
        Run.WatchServer(own.Log, "own-app");
        var page = await context.NewPageAsync();
        await page.SignInAsync(KestrelAppFactory.Admin);
        await page.WaitForAddressAsync("**/rooms");

        await page.GotoAsync("/Account/Manage/DeletePersonalData");
        await page.Locator("[id='Input.Password']").FillAsync(KestrelAppFactory.Admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete data and close my account" }).ClickAsync();

        await Expect(page.GetByText("You are the last administrator")).ToBeVisibleAsync();
        await page.GotoAsync("/rooms/lobby");
        await Expect(page.GetByTestId("room-title")).ToBeVisibleAsync();
    }
}
