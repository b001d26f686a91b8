using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class SubscriptionTests
{
    [Fact]
    public async Task SubscriberGetsTheSnapshotThenEveryLaterChangeInVersionOrder()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var carol = h.Subscribe("room:1", "carol");
        Assert.Equal(["alice"], carol.Initial.Users.Select(u => u.Key));

        h.Track("room:1", "bob", "c2");
        await h.Settle();
        h.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Away);
        await h.Settle();
        h.Tracker.Untrack("room:1", "bob", "c2");
        await h.SettleAfter(TimeSpan.FromSeconds(5));

        Assert.Equal([1L, 2, 3], carol.Changes.Select(c => c.FromVersion));
        Assert.Equal([2L, 3, 4], carol.Changes.Select(c => c.ToVersion));
        Replay.AssertConverged(carol, h.Tracker.List("room:1", "carol"));
    }

    [Fact]
    public async Task ChangesWithinOneTickAreCoalescedIntoOneDiff()
    {
        using var h = new PresenceHarness();
        // Dave's join comes after a quiet spell and is published at once; what follows waits for the flush interval.
        h.Track("room:1", "dave", "c0");
        var carol = h.Subscribe("room:1", "carol");
        h.Track("room:1", "alice", "c1");
        h.Track("room:1", "bob", "c2");
        h.Track("room:1", "bob", "c3");
        h.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Busy);
        await h.Settle();

        var change = Assert.Single(carol.Changes);
        Assert.Equal((1L, 2L), (change.FromVersion, change.ToVersion));
        Assert.Equal(2, change.Diff.Joins["bob"].Length);
        Assert.Equal(PresenceStatus.Busy, Assert.Single(change.Diff.Joins["alice"]).Status);
        Assert.Empty(change.Diff.Leaves);
        Assert.Equal([(PresenceEventKind.Joined, "alice"), (PresenceEventKind.Joined, "bob")], carol.EventKeys.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task ZeroTickDeliversEveryChangeAtOnce()
    {
        using var h = new PresenceHarness(o => o.DiffTick = TimeSpan.Zero);
        var carol = h.Subscribe("room:1", "carol");
        h.Track("room:1", "alice", "c1");
        h.Track("room:1", "bob", "c2");
        await h.Tracker.WhenDelivered();

        // Each change is flushed at once; a subscriber busy with the first may get the next two merged.
        Assert.Equal(2, h.Tracker.List("room:1", "carol").Version);
        Replay.AssertConverged(carol, h.Tracker.List("room:1", "carol"));
        Assert.Equal(2, carol.Changes[^1].ToVersion);
    }

    [Fact]
    public async Task SubscribingWhileChangesArePendingMissesNothingAndSeesNothingTwice()
    {
        using var h = new PresenceHarness();
        // Erin's join is published at once (a quiet spell before it); alice's, right after, waits for the interval.
        h.Track("room:1", "erin", "c0");
        h.Track("room:1", "alice", "c1");
        var carol = h.Subscribe("room:1", "carol");
        Assert.Equal(["erin"], carol.Initial.Users.Select(u => u.Key));

        h.Track("room:1", "bob", "c2");
        await h.Settle();
        var late = h.Subscribe("room:1", "dave");

        var change = Assert.Single(carol.Changes);
        Assert.Equal(["alice", "bob"], change.Diff.Joins.Keys.Order());
        Assert.Equal(3, late.Initial.Count);
        Replay.AssertConverged(carol, h.Tracker.List("room:1", "carol"));
    }

    [Fact]
    public async Task ThrowingSubscriberDoesNotBreakOthersOrItself()
    {
        using var h = new PresenceHarness();
        var throwsAtOnce = h.Subscribe("room:1", "x", _ => throw new InvalidOperationException("boom"));
        var throwsLater = h.Subscribe("room:1", "y", async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("boom");
        });
        var carol = h.Subscribe("room:1", "carol");

        h.Track("room:1", "alice", "c1");
        await h.Settle();
        h.Track("room:1", "bob", "c2");
        await h.Settle();

        Assert.Equal(2, carol.Changes.Count);
        Assert.Equal(2, throwsAtOnce.Changes.Count);
        Assert.Equal(2, throwsLater.Changes.Count);
    }

    [Fact]
    public async Task SlowSubscriberDoesNotHoldUpOthersAndCatchesUpWithOneMergedChange()
    {
        using var h = new PresenceHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = h.Subscribe("room:1", "slow", async _ =>
        {
            entered.TrySetResult();
            await release.Task;
        });
        var carol = h.Subscribe("room:1", "carol");

        h.Track("room:1", "alice", "c1");
        h.Advance(PresenceHarness.Tick);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 5; i++)
        {
            h.Track("room:1", $"user{i}", $"c{i + 10}");
            h.Advance(PresenceHarness.Tick);
        }
        await PresenceHarness.WaitUntil(() => carol.Changes is [.., { ToVersion: 6 }]);
        Assert.Single(slow.Changes);

        release.SetResult();
        await h.Tracker.WhenDelivered();

        Assert.Equal(2, slow.Changes.Count);
        Assert.Equal((1L, 6L), (slow.Changes[1].FromVersion, slow.Changes[1].ToVersion));
        Assert.Equal(5, slow.Changes[1].Diff.Joins.Count);
        Replay.AssertConverged(slow, h.Tracker.List("room:1", "slow"));
        Replay.AssertConverged(carol, h.Tracker.List("room:1", "carol"));
    }

    [Fact]
    public async Task DisposedSubscriptionGetsNothing()
    {
        using var h = new PresenceHarness();
        // Erin's join is published at once (a quiet spell before it), so alice's below is still pending at the dispose.
        h.Track("room:1", "erin", "c0");
        var carol = h.Subscribe("room:1", "carol");
        var dave = h.Subscribe("room:1", "dave");
        h.Track("room:1", "alice", "c1");
        carol.Subscription.Dispose();
        carol.Subscription.Dispose();
        await h.Settle();
        h.Track("room:1", "bob", "c2");
        await h.Settle();

        Assert.Empty(carol.Changes);
        Assert.Equal(2, dave.Changes.Count);
    }

    [Fact]
    public async Task EachChangeCarriesTheViewersUserCount()
    {
        using var h = new PresenceHarness();
        var carol = h.Subscribe("room:1", "carol");
        // Alice's join goes out at once (a quiet room) and is delivered before Bob's, which waits for the interval.
        h.Track("room:1", "alice", "c1");
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        h.Track("room:1", "bob", "c2");
        await h.Settle();
        h.Track("room:1", "carol", "c3", PresenceStatus.Invisible);
        await h.Settle();

        Assert.Equal([1, 2, 3], carol.Changes.Select(c => c.UserCount));
        Assert.Equal(3, h.Tracker.Count("room:1", "carol"));
        Assert.Equal(2, h.Tracker.Count("room:1", "bob"));
    }

    [Fact]
    public async Task SubscriptionCurrentIsTheLatestSharedSnapshot()
    {
        using var h = new PresenceHarness();
        var carol = h.Subscribe("room:1", "carol");
        var dave = h.Subscribe("room:1", "dave");
        h.Track("room:1", "alice", "c1");
        await h.Settle();

        Assert.Same(carol.Initial.Snapshot, dave.Initial.Snapshot);
        Assert.Same(carol.Subscription.Current.Snapshot, dave.Changes[0].CurrentView().Snapshot);
        Assert.Equal(1, carol.Subscription.Current.Version);
    }
}
