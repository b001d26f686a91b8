using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Rooms;

/// <summary>What a message's text becomes in the browser: mentions, links and formatting, and never markup.</summary>
[Collection(AppCollection.Name)]
public sealed class MessageTextTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public async Task AutocompletedMentionIsHighlightedForTheMentionedPersonWhoGetsAToastWhenElsewhere()
    {
        var (alicePage, bobPage, alice, bob) = await App.TwoInTheLobbyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        await alicePage.MessageInput().PressSequentiallyAsync("@" + bob.DisplayName[..^1]);
        var suggestion = alicePage.Locator($"[data-testid=mention-suggestion][data-user='{bob.DisplayName}']");
        await Expect(suggestion).ToBeVisibleAsync();
        await suggestion.ClickAsync();
        await Expect(alicePage.MessageInput()).ToHaveValueAsync($"@{bob.DisplayName} ");
        await alicePage.MessageInput().PressSequentiallyAsync($"look {marker}");
        await alicePage.MessageInput().PressAsync("Enter");

        var seenByBob = bobPage.Messages().Filter(new() { HasText = marker });
        await Expect(seenByBob).ToHaveAttributeAsync("data-mentions-me", "true");
        await Expect(seenByBob.GetByTestId("mention")).ToHaveTextAsync($"@{bob.DisplayName}");
        var seenByAlice = alicePage.Messages().Filter(new() { HasText = marker });
        await Expect(seenByAlice.GetByTestId("mention")).ToHaveTextAsync($"@{bob.DisplayName}");
        await Expect(seenByAlice).Not.ToHaveAttributeAsync("data-mentions-me", "true");

        // Bob is elsewhere in the app: the next mention (typed, not picked) reaches him as a toast.
        await bobPage.GotoAsync("/rooms");
        await bobPage.WaitForCircuitAsync();
        await alicePage.MessageInput().FillAsync($"@{bob.DisplayName} are you there? {marker}");
        await alicePage.MessageInput().PressAsync("Enter");

        var toast = bobPage.Locator("[data-testid=presence-toast][data-kind=mention]");
        await Expect(toast).ToHaveAttributeAsync("data-user", alice.DisplayName);
        await Expect(toast).ToContainTextAsync("mentioned you");
    }

    [Fact]
    public async Task TabPicksTheHighlightedSuggestionAndEnterThenSends()
    {
        var (alicePage, bobPage, _, bob) = await App.TwoInTheLobbyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        await alicePage.MessageInput().PressSequentiallyAsync("hi @" + bob.DisplayName);
        await Expect(alicePage.Locator($"[data-testid=mention-suggestion][data-user='{bob.DisplayName}']")).ToBeVisibleAsync();
        await alicePage.MessageInput().PressAsync("Tab");
        await Expect(alicePage.MessageInput()).ToHaveValueAsync($"hi @{bob.DisplayName} ");
        await Expect(alicePage.GetByTestId("mention-suggestion")).ToHaveCountAsync(0);
        await alicePage.MessageInput().PressSequentiallyAsync(marker);
        await alicePage.MessageInput().PressAsync("Enter");

        await Expect(bobPage.Messages().Filter(new() { HasText = marker })).ToHaveAttributeAsync("data-mentions-me", "true");
    }

    [Fact]
    public async Task LinkIsClickableInANewTabWithoutOpenerAndFormattingShows()
    {
        var (alicePage, bobPage, _, _) = await App.TwoInTheLobbyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        await alicePage.MessageInput().FillAsync($"see https://example.com/{marker} and **bold** `code`");
        await alicePage.MessageInput().PressAsync("Enter");

        var text = bobPage.Messages().Filter(new() { HasText = marker }).GetByTestId("message-text");
        var link = text.Locator("a");
        await Expect(link).ToHaveAttributeAsync("href", $"https://example.com/{marker}");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(text.Locator("strong")).ToHaveTextAsync("bold");
        await Expect(text.Locator("code")).ToHaveTextAsync("code");
    }

    [Fact]
    public async Task ScriptAndJavascriptLinksShowAsText()
    {
        var (alicePage, bobPage, _, _) = await App.TwoInTheLobbyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var typed = $"<script>document.title='pwned'</script> [click](javascript:document.title='pwned') {marker}";

        await alicePage.MessageInput().FillAsync(typed);
        await alicePage.MessageInput().PressAsync("Enter");

        var text = bobPage.Messages().Filter(new() { HasText = marker }).GetByTestId("message-text");
        await Expect(text).ToHaveTextAsync(typed);
        await Expect(text.Locator("script, a")).ToHaveCountAsync(0);
        Assert.NotEqual("pwned", await bobPage.TitleAsync());
    }
}
