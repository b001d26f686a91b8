using ChatApp.Core.Presence;
using ChatApp.Redis.Presence;
using ChatApp.Tests.Infrastructure;
using ChatApp.Tests.Presence;
using static ChatApp.Tests.Backplane.Presence.ReplicatedNode;

namespace ChatApp.Tests.Backplane.Presence;

/// <summary>Two app instances' presence through the test Redis: what a user on one node sees of users on the other.</summary>
public sealed class PresenceAcrossNodesTests : IAsyncLifetime
{
    private readonly TestRedis redis = new();
    private ReplicatedNode a = null!;
    private ReplicatedNode b = null!;

    public async Task InitializeAsync()
    {
        // Leases far longer than a test: the periodic check never repairs behind a test's back.
        a = await StartAsync("node-a", redis.Options(TimeSpan.FromMinutes(10)));
        b = await StartAsync("node-b", redis.Options(TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task AJoinOnOneNodeIsSeenOnTheOther()
    {
        a.Track("alice", "a1");

        await Eventually(() => b.User("alice") is not null, "alice shows on node B");
        var meta = Assert.Single(b.User("alice")!.Metas);
        Assert.Equal(("node-a", "a1", "ALICE"), (meta.NodeId, meta.ConnectionId, meta.DisplayName));
    }

    [Fact]
    public async Task ATabOnEachNodeIsOneUserWithTwoConnectionsEverywhereAndClosingOneIsNotALeave()
    {
        var onA = a.Subscribe();
        var onB = b.Subscribe();
        a.Track("alice", "a1");
        b.Track("alice", "b1");
        await Eventually(() => a.User("alice")?.ConnectionCount == 2 && b.User("alice")?.ConnectionCount == 2, "two connections on both nodes");

        b.Tracker.Untrack("site", "alice", "b1");
        b.Track("marker", "b2");
        await Eventually(() => a.User("marker") is not null, "the marker after the close reaches node A");
        await a.PassDebounceAsync();
        await b.PassDebounceAsync();

        Assert.Equal(1, a.User("alice")!.ConnectionCount);
        Assert.Equal(1, b.User("alice")!.ConnectionCount);
        Assert.Equal([(PresenceEventKind.Joined, "alice"), (PresenceEventKind.Joined, "marker")], onA.EventKeys);
        Assert.Equal([(PresenceEventKind.Joined, "alice"), (PresenceEventKind.Joined, "marker")], onB.EventKeys);
    }

    [Fact]
    public async Task ALeaveOnOneNodeReachesTheOtherAfterItsDebounce()
    {
        a.Track("alice", "a1");
        await Eventually(() => b.User("alice") is not null, "alice shows on node B");
        var onB = b.Subscribe();

        a.Tracker.Untrack("site", "alice", "a1");
        a.Track("marker", "a2");
        await Eventually(() => b.User("marker") is not null, "the marker after the leave reaches node B");
        Assert.NotNull(b.User("alice"));
        await b.PassDebounceAsync();

        Assert.Null(b.User("alice"));
        Assert.Equal([(PresenceEventKind.Joined, "marker"), (PresenceEventKind.Left, "alice")], onB.EventKeys);
    }

    [Fact]
    public async Task AStatusChosenOnOneNodeShowsOnTheOtherAndInvisibleHidesEveryTab()
    {
        a.Track("alice", "a1");
        b.Track("alice", "b1");
        await Eventually(() => b.User("alice")?.ConnectionCount == 2, "both tabs on node B");

        a.Tracker.SetStatus("alice", PresenceStatus.Busy);
        await Eventually(() => b.User("alice")!.Metas.All(m => m.Status == PresenceStatus.Busy)
            && a.User("alice")!.Metas.All(m => m.Status == PresenceStatus.Busy), "both tabs busy on both nodes");

        a.Tracker.SetStatus("alice", PresenceStatus.Invisible);
        await Eventually(() => b.Tracker.Count("site", "carol") == 0 && a.Tracker.Count("site", "carol") == 0, "alice hidden on both nodes");
        Assert.Equal(PresenceStatus.Invisible, b.Tracker.ChosenStatus("alice"));
    }

    [Fact]
    public async Task ANodeStartingLaterLoadsTheStateAlreadyThereWithItsStatusChoices()
    {
        a.Track("alice", "a1");
        a.Track("bob", "a2");
        a.Tracker.SetStatus("bob", PresenceStatus.Invisible);
        await Eventually(() => b.User("alice") is not null && b.Tracker.ChosenStatus("bob") == PresenceStatus.Invisible, "node B caught up");

        await using var c = await StartAsync("node-c", redis.Options());

        await Eventually(() => c.User("alice") is not null, "node C loads alice");
        Assert.Equal(["alice"], c.Keys());
        // Bob chose invisible before node C started: his tab there must not show him.
        Assert.Equal(PresenceStatus.Invisible, c.Tracker.ChosenStatus("bob"));
        Assert.Equal(PresenceStatus.Invisible, c.Track("bob", "c1").Status);
    }

    [Fact]
    public async Task ALostBatchIsRepairedFromTheNodesStateWithoutADuplicateJoin()
    {
        a.Track("alice", "a1");
        await Eventually(() => b.User("alice") is not null, "alice shows on node B");
        var onB = b.Subscribe();

        a.Replicator.LoseNextBatch = true;
        a.Track("bob", "a2");
        await Eventually(() => !a.Replicator.LoseNextBatch, "bob's batch went (and was lost)");
        a.Track("dave", "a3");

        await Eventually(() => b.User("bob") is not null && b.User("dave") is not null, "node B repaired the gap");
        Assert.Equal([(PresenceEventKind.Joined, "bob"), (PresenceEventKind.Joined, "dave")], onB.EventKeys.Order());
        Assert.True(b.Logged(RedisPresenceReplicator.NodeRepaired));
        Replay.AssertConverged(onB, b.Tracker.List("site", "carol"));
    }

    [Fact]
    public async Task ALostLastBatchIsRepairedByTheLeaseCheckWhenNothingFollows()
    {
        await using var c = await StartAsync("node-c", redis.Options(TimeSpan.FromSeconds(2)));
        await using var d = await StartAsync("node-d", redis.Options(TimeSpan.FromSeconds(2)));
        c.Track("alice", "c1");
        await Eventually(() => d.User("alice") is not null, "alice shows on node D");

        c.Replicator.LoseNextBatch = true;
        c.Track("bob", "c2");

        await Eventually(() => d.User("bob") is not null, "node D noticed the state moved on and re-read it");
    }

    [Fact]
    public async Task ManyThreadsTrackingOnOneNodeWhileTheOtherReadsEndTheSame()
    {
        var reading = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!reading.IsCancellationRequested)
            {
                reads += b.Tracker.List("site", "carol").Count + b.Tracker.Count("room:1", "carol") >= 0 ? 1 : 0;
                await Task.Yield();
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                a.Track($"user{t}-{i}", $"c{t}-{i}");
                a.Track($"user{t}-{i}", $"r{t}-{i}", "room:1");
                if (i % 3 == 0)
                {
                    a.Tracker.Untrack("room:1", $"user{t}-{i}", $"r{t}-{i}");
                }
            }
        })));

        a.Track("marker", "m1");
        await Eventually(() => b.User("marker") is not null, "the marker after the storm reaches node B");
        await reading.CancelAsync();
        await reader;
        await a.PassDebounceAsync();
        await b.PassDebounceAsync();

        // Leaves still in their debounce may differ (a node that re-read the other's state mid-storm never saw those
        // users); once the debounce is over both show exactly the same connections.
        Assert.Equal(801, b.Keys().Count);
        Assert.Equal(800 - 8 * 34, b.Keys("room:1").Count);
        Assert.Equal(a.Connections(), b.Connections());
        Assert.Equal(a.Connections("room:1"), b.Connections("room:1"));
        Assert.True(reads > 0);
    }

    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
        redis.Dispose();
    }
}
