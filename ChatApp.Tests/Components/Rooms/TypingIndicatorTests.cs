using Bunit;
using ChatApp.Core.Events;
using ChatApp.Core.Data;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>Who else is typing in the room, live.</summary>
public sealed class TypingIndicatorTests : ChatComponentTest
{
    private readonly PausingDbContextFactory database = new();

    public TypingIndicatorTests()
    {
        Services.AddSingleton<IDbContextFactory<ChatDbContext>>(sp =>
            database.Using(sp.GetRequiredService<DbContextOptions<ChatDbContext>>()));
    }

    private TypingService Typing => Services.GetRequiredService<TypingService>();

    private IRenderedComponent<TypingIndicator> RenderIndicator() =>
        Render<TypingIndicator>(p => p.Add(x => x.RoomId, Lobby.Id).Add(x => x.ViewerId, Alice.Id));

    [Fact]
    public async Task ShowsWhoElseIsTypingAndClearsItAfterSilence()
    {
        var indicator = RenderIndicator();

        await Typing.SignalTypingAsync(Bob.Id, "Bob", Lobby.Id);

        indicator.WaitForAssertion(() => Assert.Equal("Bob", indicator.Find("[data-testid=typing-indicator]").GetAttribute("data-users")));
        Assert.Contains("Bob is typing", indicator.Markup);
        Chat.Time.Advance(Chat.Typing.Expiry);
        indicator.WaitForAssertion(() => Assert.Empty(indicator.FindAll("[data-testid=typing-indicator]")));
    }

    [Fact]
    public async Task TheViewersOwnTypingIsNotShownToThem()
    {
        var indicator = RenderIndicator();

        await Typing.SignalTypingAsync(Alice.Id, "Alice", Lobby.Id);
        await Typing.SignalTypingAsync(Bob.Id, "Bob", Lobby.Id);

        indicator.WaitForAssertion(() => Assert.Equal("Bob", indicator.Find("[data-testid=typing-indicator]").GetAttribute("data-users")));
    }

    [Fact]
    public async Task AnIndicatorGoneWhileItWasStillSubscribingLeavesNoSubscriptionBehind()
    {
        var subscribing = database.PauseAtCall(1);
        RenderIndicator();
        await subscribing.WaitAsync(TimeSpan.FromSeconds(30));

        await DisposeComponentsAsync();
        database.Resume();

        Assert.Equal(0, Events.SubscriberCount<TypingChanged>(EventKey.Room(Lobby.Id)));
    }

    [Fact]
    public async Task UnsubscribesOnDispose()
    {
        var indicator = RenderIndicator();
        await Typing.SignalTypingAsync(Bob.Id, "Bob", Lobby.Id);
        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("[data-testid=typing-indicator]")));
        Typing.StopTyping(Bob.Id, Lobby.Id);
        indicator.WaitForAssertion(() => Assert.Empty(indicator.FindAll("[data-testid=typing-indicator]")));

        await DisposeComponentsAsync();

        Assert.Equal(0, Events.SubscriberCount<TypingChanged>(EventKey.Room(Lobby.Id)));
    }
}
