using ChatApp.Core.Diagnostics;
using ChatApp.Core.Presence;

namespace ChatApp.Tests.Diagnostics;

/// <summary>What the presence engine records: changes, the users, tabs and topics it holds, diffs, coalescing, flaps.</summary>
public sealed class PresenceMetricsTests
{
    private const string Node = "node-a";

    [Fact]
    public async Task TrackingAndUntrackingCountChangesAndMoveTheUsersTabsAndTopicsOfThisNode()
    {
        using var p = new MeteredPresence(o => o.LeaveDebounce = TimeSpan.Zero);
        using var changes = p.Collect<long>(ChatMetrics.Names.PresenceChanges);
        using var users = p.Collect<int>(ChatMetrics.Names.UsersPresent);
        using var tabs = p.Collect<int>(ChatMetrics.Names.TabsPresent);
        using var topics = p.Collect<int>(ChatMetrics.Names.Topics);

        p.Track("site", "alice", "alice-tab-1");
        p.Track("site", "alice", "alice-tab-2");
        p.Track("site", "bob", "bob-tab");
        p.Track("room:1", "alice", "alice-tab-1");
        await p.Settle();

        Assert.Equal(4, changes.Sum());
        Assert.Equal(2, users.Observe(Node));
        Assert.Equal(3, tabs.Observe(Node));
        Assert.Equal(2, topics.Observe(Node));

        p.Tracker.UntrackConnection("alice-tab-1");
        await p.Settle();

        Assert.Equal(6, changes.Sum());
        Assert.Equal(2, users.Observe(Node));
        Assert.Equal(2, tabs.Observe(Node));
        Assert.Equal(1, topics.Observe(Node));

        p.Tracker.UntrackConnection("bob-tab");
        await p.Settle();

        Assert.Equal(7, changes.Sum());
        Assert.Equal(1, users.Observe(Node));
        Assert.Equal(1, tabs.Observe(Node));
    }

    [Fact]
    public async Task ADiffToManySubscribersRecordsOneFanOutAndOneDeliveryPerSubscriber()
    {
        using var p = new MeteredPresence();
        using var fanOuts = p.Collect<double>(ChatMetrics.Names.FanOutDuration);
        using var delivered = p.Collect<long>(ChatMetrics.Names.DiffsDelivered);
        var received = 0;
        var subscriptions = Enumerable.Range(0, 25)
            .Select(i => p.Tracker.Subscribe("room:1", $"viewer-{i}", _ =>
            {
                Interlocked.Increment(ref received);
                return Task.CompletedTask;
            }))
            .ToList();

        p.Track("room:1", "alice", "c1");
        await p.Settle();

        Assert.Equal(25, received);
        Assert.Equal(25, delivered.Sum());
        var fanOut = Assert.Single(fanOuts.GetMeasurementSnapshot());
        Assert.True(fanOut.Value >= 0);
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task AnInvisibleUsersChangeCountsOnlyTheDeliveryToThemself()
    {
        using var p = new MeteredPresence();
        using var delivered = p.Collect<long>(ChatMetrics.Names.DiffsDelivered);
        using var fanOuts = p.Collect<double>(ChatMetrics.Names.FanOutDuration);
        using var bob = p.Tracker.Subscribe("room:1", "bob", _ => Task.CompletedTask);
        using var carol = p.Tracker.Subscribe("room:1", "carol", _ => Task.CompletedTask);
        using var alice = p.Tracker.Subscribe("room:1", "alice", _ => Task.CompletedTask);

        p.Track("room:1", "alice", "c1", PresenceStatus.Invisible);
        await p.Settle();

        Assert.Equal(1, delivered.Sum());
        Assert.Single(fanOuts.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ChangesToOneUserWithinATickAreCountedAsCoalescedIntoTheOneDiff()
    {
        using var p = new MeteredPresence();
        using var changes = p.Collect<long>(ChatMetrics.Names.PresenceChanges);
        using var coalesced = p.Collect<long>(ChatMetrics.Names.ChangesCoalesced);
        var diffs = 0;
        using var bob = p.Tracker.Subscribe("room:1", "bob", _ =>
        {
            Interlocked.Increment(ref diffs);
            return Task.CompletedTask;
        });
        // The first change after a quiet spell goes out at once, alone: nothing to coalesce.
        p.Track("room:1", "alice", "c1");
        await p.Tracker.WhenDelivered();
        Assert.Equal(0, coalesced.Sum());

        // Within the tick after it: three changes of alice, and carol coming and going before anyone saw her.
        p.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Busy);
        p.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Away);
        p.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Online);
        p.Track("room:1", "carol", "c2");
        p.Tracker.Untrack("room:1", "carol", "c2");
        await p.Settle();

        Assert.Equal(2, diffs);
        Assert.Equal(6, changes.Sum());
        // Alice's three changes became one key of the diff (2 folded); carol's two showed nothing (2 folded).
        Assert.Equal(4, coalesced.Sum());
    }

    [Fact]
    public async Task AReloadWithinTheLeaveDebounceCountsOneFlapSuppressedAndALeaveThatRunsOutNone()
    {
        using var p = new MeteredPresence();
        using var flaps = p.Collect<long>(ChatMetrics.Names.FlapsSuppressed);
        using var changes = p.Collect<long>(ChatMetrics.Names.PresenceChanges);
        p.Track("room:1", "alice", "old-tab");
        p.Track("room:1", "bob", "bob-tab");
        await p.Settle();

        p.Tracker.UntrackConnection("old-tab");
        p.Time.Advance(TimeSpan.FromSeconds(3));
        await p.Settle();
        Assert.Equal(0, flaps.Sum());
        p.Track("room:1", "alice", "new-tab");
        await p.Settle();

        Assert.Equal(1, flaps.Sum());

        p.Tracker.UntrackConnection("bob-tab");
        p.Time.Advance(p.Options.LeaveDebounce);
        await p.Settle();

        Assert.Equal(1, flaps.Sum());
        // Tracks of alice, bob and alice again, and bob's leave once it ran out; the leaves held back showed nothing.
        Assert.Equal(4, changes.Sum());
    }

    [Fact]
    public async Task ALastVisibleTabReloadingBesideAnInvisibleOneIsAFlapSuppressed()
    {
        using var p = new MeteredPresence();
        using var flaps = p.Collect<long>(ChatMetrics.Names.FlapsSuppressed);
        p.Track("room:1", "alice", "visible-tab");
        p.Track("room:1", "alice", "invisible-tab", PresenceStatus.Invisible);
        await p.Settle();

        p.Tracker.UntrackConnection("visible-tab");
        await p.Settle();
        p.Track("room:1", "alice", "reloaded-tab");
        await p.Settle();

        Assert.Equal(1, flaps.Sum());
    }

    [Fact]
    public async Task ChangesFromManyThreadsAtOnceAreEachCountedOnceAndTheGaugesEndRight()
    {
        using var p = new MeteredPresence(o =>
        {
            o.DiffTick = TimeSpan.Zero;
            o.LeaveDebounce = TimeSpan.Zero;
        });
        using var changes = p.Collect<long>(ChatMetrics.Names.PresenceChanges);
        using var tabs = p.Collect<int>(ChatMetrics.Names.TabsPresent);
        using var users = p.Collect<int>(ChatMetrics.Names.UsersPresent);
        using var viewer = p.Tracker.Subscribe("room:1", "viewer", _ => Task.CompletedTask);
        const int Tabs = 400;

        // Gauges read while tabs come and go: a scrape during a storm must neither fail nor block it.
        var reading = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                tabs.RecordObservableInstruments();
            }
        });
        Parallel.For(0, Tabs, i => p.Track(i % 2 == 0 ? "room:1" : "site", $"user-{i % 100}", $"tab-{i}"));
        await reading;
        await p.Tracker.WhenDelivered();

        Assert.Equal(Tabs, changes.Sum());
        Assert.Equal(Tabs, tabs.Observe(Node));
        Assert.Equal(100, users.Observe(Node));

        Parallel.For(0, Tabs, i => p.Tracker.UntrackConnection($"tab-{i}"));
        await p.Tracker.WhenDelivered();

        Assert.Equal(2 * Tabs, changes.Sum());
        Assert.Equal(0, tabs.Observe(Node));
        Assert.Equal(0, users.Observe(Node));
    }
}
