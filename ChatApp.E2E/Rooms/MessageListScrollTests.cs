using ChatApp.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Rooms;

/// <summary>
/// The message list keeps the newest message in view: when the room opens, after one's own send and when someone
/// else's message arrives while the reader is at the end; a reader scrolled up is left there, with "jump to latest".
/// A short window, so a few messages overflow the list.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MessageListScrollTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static readonly ViewportSize Short = new() { Width = 1280, Height = 420 };

    // The list is at its end when what is scrolled past plus what shows reaches its whole height (a pixel of rounding).
    private const string AtEnd = "list => list.scrollTop + list.clientHeight >= list.scrollHeight - 2";

    [Fact]
    public async Task TheNewestMessageIsInViewAfterOpeningAfterSendingAndWhenAnotherArrives()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var alicePage = await App.NewPersonAsync(viewport: Short);
        await alicePage.RegisterAsync(alice);
        await alicePage.OpenRoomAsync("lobby");
        // More than the short list holds, whatever the lobby had before (under the send limit of 10 per 10 s).
        for (var i = 0; i < 8; i++)
        {
            await SendAsync(alicePage, $"{alice.DisplayName} fills the room {i}");
        }

        // Opening: the list shows its end, with the newest message in view.
        var bobPage = await App.NewPersonAsync(viewport: Short);
        await bobPage.RegisterAsync(bob);
        await bobPage.OpenRoomAsync("lobby");
        var list = bobPage.GetByTestId("message-list");
        await Expect(bobPage.Messages().Filter(new() { HasText = $"{alice.DisplayName} fills the room 7" })).ToBeInViewportAsync();
        await WaitAtEndAsync(list);

        // One's own send, after scrolling up: back at the end. (With the in-process bus the sender's own echo reaches
        // the list before the send returns, so this passes by the live path too; RoomView's ShowNewest after a send
        // is for a bus whose echo comes later or not at all.)
        await ScrollToTopAsync(list);
        await SendAsync(bobPage, $"{bob.DisplayName} answers");
        await Expect(bobPage.Messages().Filter(new() { HasText = $"{bob.DisplayName} answers" })).ToBeInViewportAsync();
        await WaitAtEndAsync(list);

        // Someone else's message arriving live while the reader is at the end: still at the end.
        await SendAsync(alicePage, $"{alice.DisplayName} says one more thing");
        await Expect(bobPage.Messages().Filter(new() { HasText = $"{alice.DisplayName} says one more thing" })).ToBeInViewportAsync();
        await WaitAtEndAsync(list);

        // ... but after scrolling up the view stays where the reader is (issue 12), and "jump to latest" counts what
        // arrived below; it takes the reader to the end.
        await ScrollToTopAsync(list);
        await SendAsync(alicePage, $"{alice.DisplayName} says something while Bob reads back");
        var jump = bobPage.GetByTestId("jump-to-latest");
        await Expect(jump).ToHaveAttributeAsync("data-count", "1");
        Assert.Equal(0, await list.EvaluateAsync<double>("list => list.scrollTop"));

        await jump.ClickAsync();

        await WaitAtEndAsync(list);
        await Expect(jump).ToBeHiddenAsync();
        await Expect(bobPage.Messages().Filter(new() { HasText = $"{alice.DisplayName} says something while Bob reads back" })).ToBeInViewportAsync();
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.MessageInput().FillAsync(text);
        await page.MessageInput().PressAsync("Enter");
        await Expect(page.Messages().Filter(new() { HasText = text })).ToHaveCountAsync(1);
        await Expect(page.MessageInput()).ToHaveValueAsync("");
    }

    /// <summary>Scrolls the list to its top and checks it overflows (else "at the end" would prove nothing).</summary>
    private static async Task ScrollToTopAsync(ILocator list)
    {
        await list.EvaluateAsync("list => { list.scrollTop = 0; }");
        Assert.False(await list.EvaluateAsync<bool>(AtEnd), "the list does not overflow, so scrolling proves nothing");
    }

    private static async Task WaitAtEndAsync(ILocator list)
    {
        var handle = await list.ElementHandleAsync();
        await list.Page.WaitForFunctionAsync(AtEnd, handle, new() { Timeout = AppFixture.ExpectTimeoutMs });
    }
}
