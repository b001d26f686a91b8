using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class LeaveDebounceTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ReloadWithinDebounceAnnouncesNothing()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "old-circuit");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.UntrackConnection("old-circuit");
        await h.SettleAfter(TimeSpan.FromSeconds(3));
        h.Track("room:1", "alice", "new-circuit");
        await h.SettleAfter(Debounce * 3);

        Assert.Empty(bob.Events);
        var diff = Assert.Single(bob.Changes).Diff;
        Assert.Equal("old-circuit", Assert.Single(diff.Leaves["alice"]).ConnectionId);
        Assert.Equal("new-circuit", Assert.Single(diff.Joins["alice"]).ConnectionId);
        Assert.Equal(1, h.Tracker.Count("room:1", "bob"));
    }

    [Fact]
    public async Task UserStaysListedUnchangedWhileTheLeaveIsHeldBack()
    {
        using var h = new PresenceHarness();
        var meta = h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.Untrack("room:1", "alice", "c1");
        await h.SettleAfter(Debounce - TimeSpan.FromMilliseconds(100));

        Assert.Empty(bob.Changes);
        Assert.Same(meta, Assert.Single(h.Tracker.Get("room:1", "alice", "bob")!.Metas));
    }

    [Fact]
    public async Task LeaveIsAnnouncedWhenTheDebounceRunsOut()
    {
        using var h = new PresenceHarness(o => o.DiffTick = TimeSpan.Zero);
        h.Track("room:1", "alice", "c1");
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.Untrack("room:1", "alice", "c1");
        await h.SettleAfter(Debounce - TimeSpan.FromTicks(1));
        Assert.Empty(bob.Changes);

        await h.SettleAfter(TimeSpan.FromTicks(1));
        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
        Assert.Null(h.Tracker.Get("room:1", "alice", "bob"));
    }

    [Fact]
    public async Task ComingBackAfterTheDebounceAnnouncesLeaveThenJoin()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.UntrackConnection("c1");
        await h.SettleAfter(Debounce);
        h.Track("room:1", "alice", "c2");
        await h.Settle();

        Assert.Equal([(PresenceEventKind.Left, "alice"), (PresenceEventKind.Joined, "alice")], bob.EventKeys);
    }

    [Fact]
    public async Task ATabOpenedAndClosedDuringTheDebounceShowsNothingAndRestartsIt()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.UntrackConnection("c1");
        await h.SettleAfter(TimeSpan.FromSeconds(3));
        // Carol's join goes out at once (a quiet spell before it); alice's tab opens and closes before the next flush.
        h.Track("room:1", "carol", "c3");
        h.Track("room:1", "alice", "c2");
        h.Tracker.UntrackConnection("c2");
        await h.SettleAfter(Debounce - PresenceHarness.Tick * 3);
        Assert.Equal(["carol"], bob.ChangedKeys);
        Assert.Equal("c1", Assert.Single(h.Tracker.Get("room:1", "alice", "bob")!.Metas).ConnectionId);

        await h.SettleAfter(PresenceHarness.Tick * 2);
        Assert.Equal([(PresenceEventKind.Joined, "carol"), (PresenceEventKind.Left, "alice")], bob.EventKeys);
    }

    [Fact]
    public async Task UntrackingAgainDuringTheDebounceIsHarmless()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        Assert.True(h.Tracker.Untrack("room:1", "alice", "c1"));
        Assert.False(h.Tracker.Untrack("room:1", "alice", "c1"));
        Assert.Equal(0, h.Tracker.UntrackConnection("c1"));
        await h.SettleAfter(Debounce);

        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
    }

    [Fact]
    public async Task WithoutDebounceTheLeaveIsAnnouncedOnTheNextTick()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.Untrack("room:1", "alice", "c1");
        await h.Settle();

        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
    }
}
