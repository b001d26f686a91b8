using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Rooms;

/// <summary>Pasting far more than a message may hold never costs the tab its connection.</summary>
[Collection(AppCollection.Name)]
public sealed class PasteTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const int MaxLength = 4000;

    [Fact]
    public async Task PastingTwoHundredKilobytesStopsAtTheLimitSaysSoAndTheTabStaysConnected()
    {
        var (a, b, alice, _) = await App.TwoInTheLobbyAsync();
        await WatchForDisconnectsAsync(a);

        // As a paste does it: one editing command the browser applies to the focused box, under its maxlength.
        await a.MessageInput().FocusAsync();
        await a.EvaluateAsync("text => document.execCommand('insertText', false, text)", new string('p', 200 * 1024));

        await ExpectToldAboutTheLimitAsync(a);
        await ExpectStillConnectedAndSendingAsync(a, b, alice);
    }

    [Fact]
    public async Task AValueOfTwoMegabytesSetByAScriptIsCutToTheLimitAndTheTabStaysConnected()
    {
        var (a, b, alice, _) = await App.TwoInTheLobbyAsync();
        await WatchForDisconnectsAsync(a);

        // A script (an extension, a password manager) setting the value directly bypasses maxlength.
        await a.EvaluateAsync("""
            text => {
                const box = document.querySelector('textarea[data-testid=message-input]');
                box.value = text;
                box.dispatchEvent(new Event('input', { bubbles: true }));
            }
            """, new string('s', 2 * 1024 * 1024));

        await ExpectToldAboutTheLimitAsync(a);
        await ExpectStillConnectedAndSendingAsync(a, b, alice);
    }

    /// <summary>Remembers every time Blazor shows its reconnect dialog, which a dropped connection does.</summary>
    private static Task WatchForDisconnectsAsync(IPage page) => page.EvaluateAsync("""
        () => {
            window.reconnectStates = [];
            document.getElementById('components-reconnect-modal')
                .addEventListener('components-reconnect-state-changed', e => window.reconnectStates.push(e.detail.state));
        }
        """);

    private static async Task ExpectToldAboutTheLimitAsync(IPage page)
    {
        await Expect(page.GetByTestId("message-limit")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("message-limit")).ToContainTextAsync("at most 4,000 characters");
        Assert.Equal(MaxLength, await page.MessageInput().EvaluateAsync<int>("box => box.value.length"));
    }

    private static async Task ExpectStillConnectedAndSendingAsync(IPage a, IPage b, Person alice)
    {
        var text = $"still here {Guid.NewGuid():N}";
        await a.MessageInput().FillAsync(text);
        await Expect(a.GetByTestId("message-limit")).ToHaveCountAsync(0);
        await a.MessageInput().PressAsync("Enter");

        var seenByBob = b.Messages().Filter(new() { HasText = text });
        await Expect(seenByBob).ToHaveCountAsync(1);
        await Expect(seenByBob).ToHaveAttributeAsync("data-author", alice.DisplayName);
        await Expect(a.MessageInput()).ToHaveValueAsync("");
        // Nothing of the pasted text was ever sent.
        await Expect(b.GetByTestId("message-text").Filter(new() { HasText = "pppp" })).ToHaveCountAsync(0);
        await Expect(b.GetByTestId("message-text").Filter(new() { HasText = "ssss" })).ToHaveCountAsync(0);
        Assert.Empty(await a.EvaluateAsync<string[]>("() => window.reconnectStates"));
    }
}
