using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

/// <summary>
/// The leave debounce hides a tab reloading; a user who lost access (locked, removed from a private room, the room
/// deleted) must leave everyone's list at the next tick instead.
/// </summary>
public sealed class EvictionTests
{
    [Fact]
    public async Task AnEvictedUserLeavesAtTheNextTickNotAfterTheDebounce()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "a1");
        h.Track("room:1", "alice", "a2");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        Assert.Equal(2, h.Tracker.UntrackKey("alice", "room:1"));
        await h.Settle();

        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
        Assert.Null(h.Tracker.Get("room:1", "alice", "bob"));
    }

    [Fact]
    public async Task EvictionEndsALeaveTheDebounceWasStillHoldingBack()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "a1");
        await h.Settle();
        var bob = h.Subscribe("site", "bob");
        h.Tracker.UntrackConnection("a1");
        await h.SettleAfter(TimeSpan.FromSeconds(1));
        Assert.NotNull(h.Tracker.Get("site", "alice", "bob"));

        h.Tracker.UntrackKey("alice");
        await h.Settle();

        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
        Assert.Null(h.Tracker.Get("site", "alice", "bob"));
        await h.SettleAfter(h.Options.LeaveDebounce);
        Assert.Single(bob.EventKeys);
    }

    [Fact]
    public async Task ClosingATopicEvictsEveryoneInItAndNobodyElsewhere()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "a1");
        h.Track("room:1", "bob", "b1");
        h.Track("room:2", "alice", "a1");
        await h.Settle();
        var carol = h.Subscribe("room:1", "carol");

        Assert.Equal(2, h.Tracker.UntrackTopic("room:1"));
        await h.Settle();

        Assert.Equal(0, h.Tracker.Count("room:1", "carol"));
        Assert.Equal(2, carol.Events.Count(e => e.Kind == PresenceEventKind.Left));
        Assert.Equal(1, h.Tracker.Count("room:2", "carol"));
    }

    [Fact]
    public async Task ATabClosingIsStillDebouncedAfterEvictionsExist()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "a1");
        h.Track("room:1", "bob", "b1");
        await h.Settle();
        var carol = h.Subscribe("room:1", "carol");

        h.Tracker.UntrackKey("bob", "room:1");
        h.Tracker.UntrackConnection("a1");
        await h.Settle();

        Assert.Equal([(PresenceEventKind.Left, "bob")], carol.EventKeys);
        await h.SettleAfter(h.Options.LeaveDebounce);
        Assert.Equal([(PresenceEventKind.Left, "bob"), (PresenceEventKind.Left, "alice")], carol.EventKeys);
    }

    [Fact]
    public async Task EvictionsFromManyThreadsLeaveNobodyBehindAndOthersUntouched()
    {
        using var h = new PresenceHarness();
        const int users = 64;
        for (var i = 0; i < users; i++)
        {
            h.Track("room:1", $"u{i}", $"c{i}");
            h.Track("room:1", $"u{i}", $"d{i}");
        }
        h.Track("room:1", "stays", "s1");
        await h.Settle();

        await Task.WhenAll(Enumerable.Range(0, users).Select(i => Task.Run(() =>
        {
            h.Tracker.UntrackKey($"u{i}", "room:1");
            h.Tracker.UntrackKey($"u{i}", "room:1");
        })));
        await h.Settle();

        Assert.Equal(["stays"], h.Tracker.List("room:1", "carol").Users.Select(u => u.Key));
    }
}
