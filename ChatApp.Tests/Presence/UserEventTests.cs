using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class UserEventTests
{
    private static readonly TimeSpan PastDebounce = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task FirstTabAnnouncesJoin()
    {
        using var h = new PresenceHarness();
        var bob = h.Subscribe("room:1", "bob");
        h.Track("room:1", "alice", "c1");
        await h.Settle();

        var joined = Assert.Single(bob.Events);
        Assert.Equal(PresenceEventKind.Joined, joined.Kind);
        Assert.Equal("alice", joined.Key);
        Assert.Equal("ALICE", joined.User.DisplayName);
    }

    [Fact]
    public async Task SecondTabDoesNotAnnounceJoin()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Track("room:1", "alice", "c2");
        await h.Settle();

        var change = Assert.Single(bob.Changes);
        Assert.Single(change.Diff.Joins["alice"]);
        Assert.Empty(change.Events);
        Assert.Equal(2, change.CurrentView().Get("alice")!.ConnectionCount);
    }

    [Fact]
    public async Task ClosingOneOfTwoTabsDoesNotAnnounceLeave()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        h.Track("room:1", "alice", "c2");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.UntrackConnection("c1");
        await h.SettleAfter(PastDebounce);

        var change = Assert.Single(bob.Changes);
        Assert.Equal("c1", Assert.Single(change.Diff.Leaves["alice"]).ConnectionId);
        Assert.Empty(change.Events);
    }

    [Fact]
    public async Task ClosingTheLastTabAnnouncesLeave()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.UntrackConnection("c1");
        await h.SettleAfter(PastDebounce);

        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
        Assert.Equal(0, bob.Changes[^1].UserCount);
    }

    [Fact]
    public async Task ChangingDisplayDataAnnouncesUpdated()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.Update("room:1", "alice", "c1", PresenceHarness.Info("Alice L."));
        await h.Settle();

        var updated = Assert.Single(bob.Events);
        Assert.Equal(PresenceEventKind.Updated, updated.Kind);
        Assert.Equal("ALICE", updated.Previous!.DisplayName);
        Assert.Equal("Alice L.", updated.User.DisplayName);
    }

    [Fact]
    public async Task AnUpdateTravelsAsLeaveOfTheOldMetaAndJoinOfTheNewAndIsMarkedAsUpdate()
    {
        using var h = new PresenceHarness();
        var old = h.Track("room:1", "alice", "c1");
        // Delivered without moving the clock: the join went out at once (a quiet room), so both updates below fall
        // within the interval after it and ride on one flush. (Settling here would let the interval pass, and the
        // first update would go out alone at once.)
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        var bob = h.Subscribe("room:1", "bob");

        var first = h.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Away)!;
        var latest = h.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Busy)!;
        await h.Settle();

        var diff = Assert.Single(bob.Changes).Diff;
        Assert.Same(old, Assert.Single(diff.Leaves["alice"]));
        Assert.Same(latest, Assert.Single(diff.Joins["alice"]));
        var update = Assert.Single(diff.Updates);
        Assert.Equal(("alice", old, latest), (update.Key, update.Before, update.After));
        Assert.Equal(first.Ref, latest.PrevRef);
        Assert.Equal([(PresenceEventKind.Updated, "alice")], bob.EventKeys);
    }

    [Fact]
    public async Task JoinAndLeaveWithinOneFlushIntervalAnnounceNothing()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        var bob = h.Subscribe("room:1", "bob");
        // Carol's join comes after a quiet spell and goes out at once; the room's next changes wait for the interval.
        h.Track("room:1", "carol", "c0");
        h.Track("room:1", "alice", "c1");
        h.Tracker.Untrack("room:1", "alice", "c1");
        await h.Settle();

        Assert.Equal([(PresenceEventKind.Joined, "carol")], bob.EventKeys);
        Assert.Equal(["carol"], bob.ChangedKeys);
        Assert.Equal(1, h.Tracker.List("room:1", "bob").Version);
    }
}
