using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Rooms;

[Collection(AppCollection.Name)]
public sealed class LobbyChatTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public async Task MessageFromOneUserAppearsForAnotherWithoutReload()
    {
        var (alicePage, bobPage, alice, bob) = await App.TwoInTheLobbyAsync();
        var text = $"hello from {alice.DisplayName}";

        await alicePage.MessageInput().FillAsync(text);
        await alicePage.MessageInput().PressAsync("Enter");

        var seenByBob = bobPage.Messages().Filter(new() { HasText = text });
        await Expect(seenByBob).ToHaveCountAsync(1);
        await Expect(seenByBob).ToHaveAttributeAsync("data-author", alice.DisplayName);
        await Expect(alicePage.MessageInput()).ToHaveValueAsync("");
    }

    [Fact]
    public async Task ShiftEnterAddsALineAndEnterSendsBoth()
    {
        var alice = Person.New("Alice");
        var page = await App.NewPersonAsync();
        await page.RegisterAsync(alice);
        await page.OpenRoomAsync("lobby");
        var marker = Guid.NewGuid().ToString("N")[..8];

        await page.MessageInput().PressSequentiallyAsync($"first {marker}");
        await page.MessageInput().PressAsync("Shift+Enter");
        await page.MessageInput().PressSequentiallyAsync("second line");
        await page.MessageInput().PressAsync("Enter");

        var sent = page.Messages().Filter(new() { HasText = marker }).GetByTestId("message-text");
        await Expect(sent).ToHaveCountAsync(1);
        Assert.Equal($"first {marker}\nsecond line", await sent.TextContentAsync());
    }

    [Fact]
    public async Task MarkupInAMessageIsShownAsText()
    {
        var (alicePage, bobPage, alice, bob) = await App.TwoInTheLobbyAsync();
        var markup = $"<b id=\"x{alice.DisplayName}\">bold</b><img src=x onerror=\"document.title='pwned'\">";

        await alicePage.MessageInput().FillAsync(markup);
        await alicePage.GetByTestId("send-button").ClickAsync();

        var shown = bobPage.GetByTestId("message-text").Filter(new() { HasText = $"x{alice.DisplayName}" });
        await Expect(shown).ToHaveTextAsync(markup);
        await Expect(bobPage.Locator($"#x{alice.DisplayName}")).ToHaveCountAsync(0);
        Assert.NotEqual("pwned", await bobPage.TitleAsync());
    }

    [Fact]
    public async Task TextBeyondTheLimitIsNotTakenAndTheMessageAtTheLimitIsSent()
    {
        var (alicePage, bobPage, alice, bob) = await App.TwoInTheLobbyAsync();
        var atTheLimit = alice.DisplayName + new string('x', 4000 - alice.DisplayName.Length);

        await alicePage.MessageInput().FillAsync(atTheLimit + "beyond");

        await Expect(alicePage.GetByTestId("message-limit")).ToContainTextAsync("at most 4,000 characters");
        await Expect(alicePage.MessageInput()).ToHaveValueAsync(atTheLimit);
        await alicePage.GetByTestId("send-button").ClickAsync();
        var seenByBob = bobPage.GetByTestId("message-text").Filter(new() { HasText = alice.DisplayName + "xxxx" });
        await Expect(seenByBob).ToHaveTextAsync(atTheLimit);
        await Expect(alicePage.MessageInput()).ToHaveValueAsync("");
    }

    [Fact]
    public async Task MessageTimeIsShownInTheViewersTimeZone()
    {
        var page = await App.NewPersonAsync(timeZone: "Asia/Kathmandu");
        await page.RegisterAsync(Person.New("Ivy"));
        await page.OpenRoomAsync("lobby");
        var marker = Guid.NewGuid().ToString("N");

        await page.MessageInput().FillAsync(marker);
        await page.MessageInput().PressAsync("Enter");

        var time = page.Messages().Filter(new() { HasText = marker }).Locator("time");
        await Expect(time).ToHaveCountAsync(1);
        var sentAt = DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!);
        var kathmandu = sentAt.ToOffset(TimeSpan.FromMinutes(5 * 60 + 45));
        await Expect(time).ToHaveTextAsync(kathmandu.ToString("HH:mm"));
    }

    [Fact]
    public async Task RoomsPageAndDrawerListTheLobby()
    {
        var page = await App.NewPersonAsync();
        await page.RegisterAsync(Person.New("Carol"));

        var links = page.Locator("[data-testid=room-link][data-room=lobby]");
        await Expect(links).ToHaveCountAsync(2);

        await links.First.ClickAsync();
        await Expect(page.GetByTestId("room-title")).ToHaveTextAsync("# Lobby");
    }

    [Fact]
    public async Task UnknownRoomShowsNotFound()
    {
        var page = await App.NewPersonAsync();
        await page.RegisterAsync(Person.New("Dave"));

        await page.GotoAsync("/rooms/no-such-room");

        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
    }
}
