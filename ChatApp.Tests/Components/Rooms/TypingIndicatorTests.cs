using Bunit;
using ChatApp.Core.Events;
using ChatApp.Core.Typing;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>Who else is typing in the room, live.</summary>
public sealed class TypingIndicatorTests : ChatComponentTest
{
    private TypingService Typing => Services.GetRequiredService<TypingService>();

    private IRenderedComponent<TypingIndicator> RenderIndicator() =>
        Render<TypingIndicator>(p => p.Add(x => x.Access, AliceInLobby));

    [Fact]
    public async Task ShowsWhoElseIsTypingAndClearsItAfterSilence()
    {
        var indicator = RenderIndicator();

        Typing.SignalTyping(await AccessAsync(Bob.Id, Lobby.Id));

        indicator.WaitForAssertion(() => Assert.Equal("Bob", indicator.Find("[data-testid=typing-indicator]").GetAttribute("data-users")));
        Assert.Contains("Bob is typing", indicator.Markup);
        Chat.Time.Advance(Chat.Typing.Expiry);
        indicator.WaitForAssertion(() => Assert.Empty(indicator.FindAll("[data-testid=typing-indicator]")));
    }

    [Fact]
    public async Task TheViewersOwnTypingIsNotShownToThem()
    {
        var indicator = RenderIndicator();

        Typing.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        Typing.SignalTyping(await AccessAsync(Bob.Id, Lobby.Id));

        indicator.WaitForAssertion(() => Assert.Equal("Bob", indicator.Find("[data-testid=typing-indicator]").GetAttribute("data-users")));
    }

    [Fact]
    public async Task AnIndicatorWhoseAccessEndsStopsWatchingTyping()
    {
        var indicator = RenderIndicator();
        Assert.Equal(1, Events.SubscriberCount<TypingChanged>(EventKey.Room(Lobby.Id)));

        AliceInLobby.Dispose();
        Typing.SignalTyping(await AccessAsync(Bob.Id, Lobby.Id));

        Assert.Equal(0, Events.SubscriberCount<TypingChanged>(EventKey.Room(Lobby.Id)));
        Assert.Empty(indicator.FindAll("[data-testid=typing-indicator]"));
    }

    [Fact]
    public async Task UnsubscribesOnDispose()
    {
        var indicator = RenderIndicator();
        Typing.SignalTyping(await AccessAsync(Bob.Id, Lobby.Id));
        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("[data-testid=typing-indicator]")));
        Typing.StopTyping(Bob.Id, Lobby.Id);
        indicator.WaitForAssertion(() => Assert.Empty(indicator.FindAll("[data-testid=typing-indicator]")));

        await DisposeComponentsAsync();

        Assert.Equal(0, Events.SubscriberCount<TypingChanged>(EventKey.Room(Lobby.Id)));
    }
}
