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
        var snapshot = subscriptions[0].Subscription.Initial.Snapshot;

        Assert.All(subscriptions, s => Assert.Same(snapshot, s.Subscription.Initial.Snapshot));
        Assert.Same(snapshot, h.Tracker.List("room:1", "someone").Snapshot);
        Assert.Same(snapshot.For("a").Get("user3"), snapshot.For("b").Get("user3"));
    }
}
