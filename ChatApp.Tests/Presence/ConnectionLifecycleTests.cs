using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class ConnectionLifecycleTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ConnectionDownShowsItsMetasAsReconnectingInEveryTopic()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.ConnectionDown("c1");
        await h.Settle();

        foreach (var topic in new[] { "site", "room:1" })
        {
            var alice = h.Tracker.Get(topic, "alice", "bob")!;
            Assert.Equal(PresenceStatus.Reconnecting, alice.Status);
            Assert.True(Assert.Single(alice.Metas).IsReconnecting);
            Assert.Equal(PresenceStatus.Online, alice.Metas[0].Status);
        }
        var updated = Assert.Single(bob.Events);
        Assert.Equal((PresenceEventKind.Updated, PresenceStatus.Reconnecting), (updated.Kind, updated.User.Status));
    }

    [Fact]
    public async Task ConnectionUpRestoresTheStatusTheMetaHad()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1", PresenceStatus.Busy);
        h.Tracker.ConnectionDown("c1");
        await h.Settle();

        h.Tracker.ConnectionUp("c1");
        await h.Settle();

        var alice = h.Tracker.Get("site", "alice", "bob")!;
        Assert.Equal(PresenceStatus.Busy, alice.Status);
        Assert.False(alice.Metas[0].IsReconnecting);
    }

    [Fact]
    public async Task ConnectionDownTwiceIsHarmlessAndDoesNotRestartTheGrace()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        h.Track("site", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("site", "bob");

        h.Tracker.ConnectionDown("c1");
        await h.SettleAfter(TimeSpan.FromSeconds(20));
        h.Tracker.ConnectionDown("c1");
        await h.SettleAfter(Grace - TimeSpan.FromSeconds(20));

        Assert.Equal([(PresenceEventKind.Updated, "alice"), (PresenceEventKind.Left, "alice")], bob.EventKeys);
    }

    [Fact]
    public async Task StillDownAfterTheGraceIsUntrackedAndThenTheDebounceApplies()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("site", "bob");

        h.Tracker.ConnectionDown("c1");
        await h.SettleAfter(Grace);
        Assert.Equal(PresenceStatus.Reconnecting, h.Tracker.Get("site", "alice", "bob")!.Status);

        await h.SettleAfter(Debounce);
        Assert.Null(h.Tracker.Get("site", "alice", "bob"));
        Assert.Null(h.Tracker.Get("room:1", "alice", "bob"));
        Assert.Equal([(PresenceEventKind.Updated, "alice"), (PresenceEventKind.Left, "alice")], bob.EventKeys);
        Assert.Equal(0, h.Tracker.Connections.Count);
    }

    [Fact]
    public async Task UpWithinTheGraceKeepsThePresence()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("site", "bob");

        h.Tracker.ConnectionDown("c1");
        await h.SettleAfter(Grace - TimeSpan.FromSeconds(1));
        h.Tracker.ConnectionUp("c1");
        await h.SettleAfter(Grace * 2);

        Assert.Equal(PresenceStatus.Online, h.Tracker.Get("site", "alice", "bob")!.Status);
        Assert.Equal([(PresenceEventKind.Updated, "alice"), (PresenceEventKind.Updated, "alice")], bob.EventKeys);
    }

    [Fact]
    public async Task DownAgainAfterUpStartsANewGrace()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        h.Track("site", "alice", "c1");
        h.Tracker.ConnectionDown("c1");
        await h.SettleAfter(TimeSpan.FromSeconds(20));
        h.Tracker.ConnectionUp("c1");
        h.Tracker.ConnectionDown("c1");
        await h.SettleAfter(TimeSpan.FromSeconds(20));

        Assert.NotNull(h.Tracker.Get("site", "alice", "bob"));
        await h.SettleAfter(TimeSpan.FromSeconds(10));
        Assert.Null(h.Tracker.Get("site", "alice", "bob"));
    }

    [Fact]
    public async Task UpWithoutDownAndEventsForUnknownConnectionsAreHarmless()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("site", "bob");

        h.Tracker.ConnectionUp("c1");
        h.Tracker.ConnectionUp("nope");
        h.Tracker.ConnectionDown("nope");
        await h.SettleAfter(Grace * 2);

        Assert.Empty(bob.Changes);
        Assert.Equal(PresenceStatus.Online, h.Tracker.Get("site", "alice", "bob")!.Status);
    }

    [Fact]
    public async Task CircuitClosedWhileDownIsUntrackedAtOnceThenDebounced()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        h.Tracker.ConnectionDown("c1");
        await h.Settle();

        h.Tracker.UntrackConnection("c1");
        await h.SettleAfter(Debounce);

        Assert.Null(h.Tracker.Get("site", "alice", "bob"));
        Assert.Equal(0, h.Tracker.Connections.Count);
    }

    /// <summary>Closing a tab: Blazor reports the connection down and then the circuit closed, one right after the other.</summary>
    [Fact]
    public async Task TabClosedRightAfterItsConnectionDroppedNeverShowsReconnecting()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1", PresenceStatus.Busy);
        h.Track("room:1", "alice", "c1", PresenceStatus.Busy);
        await h.Settle();
        var bob = h.Subscribe("site", "bob");
        var bobInRoom = h.Subscribe("room:1", "bob");

        h.Tracker.ConnectionDown("c1");
        h.Tracker.UntrackConnection("c1");
        await h.Settle();
        Assert.Empty(bob.Changes);
        Assert.Empty(bobInRoom.Changes);

        // Held back by the debounce, the user is shown as last published, not as reconnecting.
        await h.SettleAfter(Debounce - PresenceHarness.Tick * 3);
        Assert.Empty(bob.Changes);
        var alice = h.Tracker.Get("site", "alice", "bob")!;
        Assert.Equal(PresenceStatus.Busy, alice.Status);
        Assert.False(Assert.Single(alice.Metas).IsReconnecting);

        await h.SettleAfter(Debounce);
        foreach (var recorder in new[] { bob, bobInRoom })
        {
            var left = Assert.Single(recorder.Events);
            Assert.Equal((PresenceEventKind.Left, PresenceStatus.Busy), (left.Kind, left.User.Status));
            Assert.DoesNotContain(recorder.Changes.SelectMany(c => c.Diff.Joins.Values.SelectMany(metas => metas)), m => m.IsReconnecting);
        }
    }

    [Fact]
    public async Task ReloadShowsOthersNothingEvenThoughTheOldConnectionDroppedFirst()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "old-circuit");
        await h.Settle();
        var bob = h.Subscribe("site", "bob");

        h.Tracker.ConnectionDown("old-circuit");
        h.Tracker.UntrackConnection("old-circuit");
        await h.SettleAfter(TimeSpan.FromSeconds(2));
        Assert.Equal(PresenceStatus.Online, h.Tracker.Get("site", "alice", "bob")!.Status);
        h.Track("site", "alice", "new-circuit");
        await h.SettleAfter(Debounce * 3);

        Assert.Empty(bob.Events);
        // The only change swaps the old tab's meta for the new one's; no meta ever shows as reconnecting.
        var diff = Assert.Single(bob.Changes).Diff;
        Assert.Empty(diff.Updates);
        Assert.Equal(PresenceStatus.Online, Assert.Single(diff.Leaves["alice"]).ShownStatus);
        Assert.Equal(PresenceStatus.Online, Assert.Single(diff.Joins["alice"]).ShownStatus);
        Assert.Equal(PresenceStatus.Online, h.Tracker.Get("site", "alice", "bob")!.Status);
    }

    [Fact]
    public async Task ConnectionStillDownAfterATickShowsReconnectingUntilItsLeaveIsAnnounced()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("site", "bob");

        h.Tracker.ConnectionDown("c1");
        await h.Settle();
        Assert.Equal(PresenceStatus.Reconnecting, h.Tracker.Get("site", "alice", "bob")!.Status);

        // The circuit closes later: the reconnecting that was shown stays shown, no flip back, until the leave.
        h.Tracker.UntrackConnection("c1");
        await h.Settle();
        Assert.Equal(PresenceStatus.Reconnecting, h.Tracker.Get("site", "alice", "bob")!.Status);
        await h.SettleAfter(Debounce);

        Assert.Collection(bob.Events,
            e => Assert.Equal((PresenceEventKind.Updated, PresenceStatus.Reconnecting), (e.Kind, e.User.Status)),
            e => Assert.Equal((PresenceEventKind.Left, PresenceStatus.Reconnecting), (e.Kind, e.User.Status)));
    }

    [Fact]
    public async Task NewTabThatDropsAndClosesWithinOneFlushIntervalIsNeverShown()
    {
        using var h = new PresenceHarness();
        var bob = h.Subscribe("room:1", "bob");
        // Carol's join goes out at once (a quiet spell before it); the room's next changes wait for the interval.
        h.Track("room:1", "carol", "c0");

        h.Track("room:1", "alice", "c1");
        h.Tracker.ConnectionDown("c1");
        h.Tracker.UntrackConnection("c1");
        await h.SettleAfter(Debounce * 2);

        Assert.Equal(["carol"], bob.ChangedKeys);
        Assert.Null(h.Tracker.Get("room:1", "alice", "bob"));
        Assert.Equal(1, h.Tracker.Connections.Count); // carol's
    }

    [Fact]
    public async Task AnotherTabKeepsTheUserOnlineWhileOneReconnects()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        h.Track("site", "alice", "c2");
        await h.Settle();
        var bob = h.Subscribe("site", "bob");

        h.Tracker.ConnectionDown("c1");
        await h.Settle();

        Assert.Equal(PresenceStatus.Online, h.Tracker.Get("site", "alice", "bob")!.Status);
        var change = Assert.Single(bob.Changes);
        Assert.Empty(change.Events);
        Assert.Single(change.Diff.Updates);
    }

    [Fact]
    public async Task TrackingOnAConnectionThatIsDownStartsReconnecting()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        h.Tracker.ConnectionDown("c1");
        var roomMeta = h.Track("room:1", "alice", "c1");
        Assert.True(roomMeta.IsReconnecting);

        h.Tracker.ConnectionUp("c1");
        await h.Settle();
        Assert.Equal(PresenceStatus.Online, h.Tracker.Get("room:1", "alice", "bob")!.Status);
    }

    [Fact]
    public async Task ZeroGraceUntracksAsSoonAsTheConnectionDrops()
    {
        using var h = new PresenceHarness(o => (o.DisconnectGrace, o.LeaveDebounce) = (TimeSpan.Zero, TimeSpan.Zero));
        h.Track("site", "alice", "c1");
        h.Tracker.ConnectionDown("c1");
        await h.Settle();

        Assert.Null(h.Tracker.Get("site", "alice", "bob"));
    }
}
