using ChatApp.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Rooms;

/// <summary>Unread badges across two people and two tabs, and the "new messages" divider, in a real browser.</summary>
[Collection(AppCollection.Name)]
public sealed class UnreadTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static ILocator LobbyBadges(IPage page) =>
        page.Locator("[data-testid=room-link][data-room=lobby] [data-testid=room-unread]");

    [Fact]
    public async Task MessagesFromSomeoneElseShowAsUnreadLiveAndOpeningTheRoomInOneTabClearsTheOther()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var alicePage = await App.NewPersonAsync();
        await alicePage.RegisterAsync(alice);
        await alicePage.OpenRoomAsync("lobby");

        // Bob has read the lobby (opening it marks it), then has it listed in two tabs: the rooms page twice.
        var bobPage = await App.NewPersonAsync();
        await bobPage.RegisterAsync(bob);
        await bobPage.OpenRoomAsync("lobby");
        await bobPage.GotoAsync("/rooms");
        await bobPage.WaitForCircuitAsync();
        var bobOtherTab = await bobPage.Context.NewPageAsync();
        await bobOtherTab.GotoAsync("/rooms");
        await bobOtherTab.WaitForCircuitAsync();
        await Expect(LobbyBadges(bobPage)).ToHaveCountAsync(0);

        await SendAsync(alicePage, $"{alice.DisplayName} says one");
        await SendAsync(alicePage, $"{alice.DisplayName} says two");

        // Live in both of Bob's tabs, in the drawer and on the rooms page alike.
        foreach (var tab in new[] { bobPage, bobOtherTab })
        {
            await Expect(LobbyBadges(tab).First).ToHaveAttributeAsync("data-count", "2");
            foreach (var badge in await LobbyBadges(tab).AllAsync())
            {
                await Expect(badge).ToHaveAttributeAsync("data-count", "2");
            }
        }

        // Bob opens the lobby in one tab: the divider stands before the first message he had not read ...
        await bobPage.Locator("#nav-drawer [data-testid=room-link][data-room=lobby]").ClickAsync();
        await bobPage.GetByTestId("room-title").WaitForAsync();
        var divider = bobPage.GetByTestId("new-messages-divider");
        await Expect(divider).ToBeVisibleAsync();
        var next = divider.Locator("xpath=following-sibling::div[1]");
        await Expect(next).ToContainTextAsync($"{alice.DisplayName} says one");

        // ... and the other tab's badges go away, as do this one's.
        await Expect(LobbyBadges(bobOtherTab)).ToHaveCountAsync(0);
        await Expect(LobbyBadges(bobPage)).ToHaveCountAsync(0);

        // While Bob reads the lobby at its end, Alice's next message is read at once: no badge anywhere.
        await SendAsync(alicePage, $"{alice.DisplayName} says three");
        await Expect(bobPage.Messages().Filter(new() { HasText = $"{alice.DisplayName} says three" })).ToHaveCountAsync(1);
        await Expect(LobbyBadges(bobOtherTab)).ToHaveCountAsync(0);
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.MessageInput().FillAsync(text);
        await page.MessageInput().PressAsync("Enter");
        await Expect(page.Messages().Filter(new() { HasText = text })).ToHaveCountAsync(1);
        await Expect(page.MessageInput()).ToHaveValueAsync("");
    }
}
