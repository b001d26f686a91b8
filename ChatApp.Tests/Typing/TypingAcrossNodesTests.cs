using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChatApp.Tests.Typing;

/// <summary>
/// Typing with two app instances on one bus (as Redis carries it between them): each instance holds its own typists
/// and every watcher sees everyone's, whichever instance they type on.
/// </summary>
public sealed class TypingAcrossNodesTests : ChatServiceTest
{
    private TypingService OnA => Get<TypingService>();
    private TypingService onB = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var nodeB = new PresenceTracker(Chat.Time, Options.Create(new PresenceOptions { DiffTick = TimeSpan.Zero, NodeId = "node-b" }));
        onB = new TypingService(nodeB, Get<IEventBus>(), Chat.Time, Options.Create(Chat.Typing));
    }

    private async Task<List<string[]>> WatchAsync(TypingService node, string userId)
    {
        var seen = new List<string[]>();
        var watch = node.Subscribe(await AccessAsync(userId, Lobby.Id), typists =>
        {
            lock (seen)
            {
                seen.Add(typists.Select(t => t.DisplayName).ToArray());
            }
        });
        Assert.True(watch.Succeeded);
        return seen;
    }

    [Fact]
    public async Task TypistsOnTwoInstancesShowTogetherOnEach()
    {
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        var bobOnA = await WatchAsync(OnA, Bob.Id);
        var bobOnB = await WatchAsync(onB, Bob.Id);

        OnA.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        onB.SignalTyping(await AccessAsync(carol.Id, Lobby.Id));

        Assert.Equal(["Alice", "Carol"], bobOnA[^1]);
        Assert.Equal(["Alice", "Carol"], bobOnB[^1]);
        Assert.Equal(["Alice", "Carol"], OnA.TypingIn(Lobby.Id).Select(t => t.DisplayName));
    }

    [Fact]
    public async Task ALocalChangeShowsAfterABusierInstancesChanges()
    {
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");
        var bobOnA = await WatchAsync(OnA, Bob.Id);
        // Node B's list goes through many versions; node A's own counter is far behind it.
        for (var i = 0; i < 20; i++)
        {
            onB.SignalTyping(await AccessAsync(carol.Id, Lobby.Id));
            onB.StopTyping(carol.Id, Lobby.Id);
            Chat.Time.Advance(Chat.Typing.Throttle);
        }

        OnA.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));

        Assert.Equal(["Alice"], bobOnA[^1]);
    }

    [Fact]
    public async Task SteadyTypingOnAnotherInstanceStaysShownWithoutRepeatedNotices()
    {
        var bobOnA = await WatchAsync(OnA, Bob.Id);

        for (var i = 0; i < 40; i++)
        {
            onB.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
            Chat.Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(["Alice"], bobOnA[^1]);
        Assert.Equal(2, bobOnA.Count); // nobody, then Alice: 20 s of refreshes changed nothing on the screen
    }

    [Fact]
    public async Task TypistsOfAnInstanceThatWentSilentDisappearAfterTheExpiry()
    {
        var bobOnA = await WatchAsync(OnA, Bob.Id);
        onB.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        Assert.Equal(["Alice"], bobOnA[^1]);

        // Node B dies: no stop, no expiry, no refresh will ever come from it.
        onB.Dispose();
        Chat.Time.Advance(Chat.Typing.Expiry - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["Alice"], bobOnA[^1]);
        Chat.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Empty(bobOnA[^1]);
        Assert.Empty(OnA.TypingIn(Lobby.Id));
    }

    [Fact]
    public async Task SomeoneTypingInTabsOnTwoInstancesShowsOnce()
    {
        var bobOnA = await WatchAsync(OnA, Bob.Id);

        OnA.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        onB.SignalTyping(await AccessAsync(Alice.Id, Lobby.Id));
        OnA.StopTyping(Alice.Id, Lobby.Id);

        Assert.Equal(["Alice"], bobOnA[^1]);
    }

    public override async Task DisposeAsync()
    {
        onB.Dispose();
        await base.DisposeAsync();
    }
}
