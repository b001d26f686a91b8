using System.Runtime.CompilerServices;
using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class TopicMemoryTests
{
    [Fact]
    public async Task EmptyTopicIsFreed()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        h.Track("room:2", "alice", "c1");
        await h.Settle();
        Assert.Equal(2, h.Tracker.TopicCount);

        h.Tracker.UntrackConnection("c1");
        await h.Settle();
        Assert.Equal(2, h.Tracker.TopicCount);
        await h.SettleAfter(TimeSpan.FromSeconds(5));

        Assert.Equal(0, h.Tracker.TopicCount);
        Assert.Equal(0, h.Tracker.Connections.Count);
    }

    [Fact]
    public async Task TopicWithSubscribersIsKeptUntilTheLastOneLeaves()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        var carol = h.Subscribe("room:1", "carol");
        var dave = h.Subscribe("room:1", "dave");
        h.Track("room:1", "alice", "c1");
        h.Tracker.Untrack("room:1", "alice", "c1");
        await h.Settle();
        Assert.Equal(1, h.Tracker.TopicCount);

        carol.Subscription.Dispose();
        Assert.Equal(1, h.Tracker.TopicCount);
        dave.Subscription.Dispose();
        Assert.Equal(0, h.Tracker.TopicCount);
    }

    [Fact]
    public async Task AFreedTopicComesBackWhenUsedAgain()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        var carol = h.Subscribe("room:1", "carol");
        carol.Subscription.Dispose();
        Assert.Equal(0, h.Tracker.TopicCount);

        var dave = h.Subscribe("room:1", "dave");
        h.Track("room:1", "alice", "c1");
        await h.Settle();

        Assert.Equal([(PresenceEventKind.Joined, "alice")], dave.EventKeys);
    }

    [Fact]
    public void ReadingAnUnknownTopicCreatesNothing()
    {
        using var h = new PresenceHarness();

        Assert.Equal(0, h.Tracker.List("room:9", "bob").Count);
        Assert.Null(h.Tracker.Get("room:9", "alice", "bob"));
        Assert.Equal(0, h.Tracker.Count("room:9", "bob"));
        Assert.Null(h.Tracker.Update("room:9", "alice", "c1", status: PresenceStatus.Away));
        Assert.Equal(0, h.Tracker.TopicCount);
    }

    [Fact]
    public async Task OneSnapshotIsSharedByAllSubscribersAndViewers()
    {
        using var h = new PresenceHarness();
        for (var i = 0; i < 20; i++)
        {
            h.Track("room:1", $"user{i}", $"c{i}");
        }
        await h.Settle();

        var subscriptions = Enumerable.Range(0, 50).Select(i => h.Subscribe("room:1", $"viewer{i}")).ToList();
        var snapshot = subscriptions[0].Initial.Snapshot;

        Assert.All(subscriptions, s => Assert.Same(snapshot, s.Initial.Snapshot));
        Assert.Same(snapshot, h.Tracker.List("room:1", "someone").Snapshot);
        Assert.Same(snapshot.For("a").Get("user3"), snapshot.For("b").Get("user3"));
    }

    /// <summary>
    /// Every tab subscribes to the site just after its own join, so each subscription starts from another version.
    /// Once the topic has moved on, none of those old snapshots may be kept alive by the live subscriptions:
    /// N of them would otherwise pin N snapshots of up to N users.
    /// </summary>
    [Fact]
    public async Task SnapshotsThatSubscriptionsStartedFromAreFreedOnceReadAndOutdated()
    {
        using var h = new PresenceHarness();
        var subscriptions = new List<PresenceSubscription>();
        var initials = new List<WeakReference>();
        var delivered = 0;
        for (var i = 0; i < 20; i++)
        {
            h.Track("site", $"user{i}", $"c{i}");
            await h.Settle();
            var (subscription, initial) = SubscribeAndReadInitial(h.Tracker, $"user{i}", i + 1, () => Interlocked.Increment(ref delivered));
            subscriptions.Add(subscription);
            initials.Add(initial);
        }
        h.Track("site", "latecomer", "c-late");
        await h.Settle();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.All(initials, w => Assert.False(w.IsAlive));
        // Still live: every subscription got every later join (the 20th only the latecomer).
        Assert.Equal(Enumerable.Range(1, 20).Sum(), Volatile.Read(ref delivered));
        Assert.All(subscriptions, s => Assert.Equal(21, s.Current.Count));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task InitialViewIsHandedOutOnce()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        using var subscription = h.Tracker.Subscribe("room:1", "carol", _ => Task.CompletedTask);

        Assert.Equal(["alice"], subscription.TakeInitial().Users.Select(u => u.Key));
        Assert.Throws<InvalidOperationException>(() => subscription.TakeInitial());
        Assert.Equal("room:1", subscription.Topic);
    }

    /// <summary>Not inlined, so that no local of the test keeps the snapshot alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (PresenceSubscription Subscription, WeakReference Initial) SubscribeAndReadInitial(
        PresenceTracker tracker, string viewer, int users, Action onChange)
    {
        var subscription = tracker.Subscribe("site", viewer, _ =>
        {
            onChange();
            return Task.CompletedTask;
        });
        var initial = subscription.TakeInitial();
        Assert.Equal(users, initial.Count);
        return (subscription, new WeakReference(initial.Snapshot));
    }
}
