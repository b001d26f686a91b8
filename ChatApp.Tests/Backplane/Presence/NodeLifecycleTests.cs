using ChatApp.Core.Presence;
using ChatApp.Redis;
using ChatApp.Redis.Presence;
using ChatApp.Tests.Infrastructure;
using static ChatApp.Tests.Backplane.Presence.ReplicatedNode;

namespace ChatApp.Tests.Backplane.Presence;

/// <summary>Nodes that die, stop, restart, and a Redis that dies and comes back: nobody stays as a ghost, nobody flaps.</summary>
public sealed class NodeLifecycleTests : IDisposable
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(2);
    private readonly TestRedis redis = new();

    [Fact]
    public async Task ANodeKilledWithoutGoodbyeHasItsUsersLeaveTheOthersWhenItsLeaseRunsOut()
    {
        await using var b = await StartAsync("node-b", redis.Options(ShortLease));
        var a = await StartAsync("node-a", redis.Options(ShortLease));
        a.Track("alice", "a1");
        await Eventually(() => b.User("alice") is not null, "alice shows on node B");
        var onB = b.Subscribe();

        await a.KillAsync();
        await Eventually(() => b.Logged(RedisPresenceReplicator.NodeDown), "node B noticed node A's lease ran out");
        await b.PassDebounceAsync();

        Assert.Null(b.User("alice"));
        Assert.Equal([(PresenceEventKind.Left, "alice")], onB.EventKeys);
        Assert.False(await b.Backplane.Database.KeyExistsAsync(b.Backplane.Key("presence:state:node-a")));
        Assert.DoesNotContain("node-a", (await b.Backplane.Database.SetMembersAsync(b.Backplane.Key("presence:nodes"))).Select(m => (string)m!));
    }

    [Fact]
    public async Task ANodeThatStopsGracefullyHasItsUsersLeaveAtOnce()
    {
        // A lease far longer than the test: only the goodbye can make alice leave.
        await using var b = await StartAsync("node-b", redis.Options(TimeSpan.FromMinutes(10)));
        var a = await StartAsync("node-a", redis.Options(TimeSpan.FromMinutes(10)));
        a.Track("alice", "a1");
        await Eventually(() => b.User("alice") is not null, "alice shows on node B");
        var onB = b.Subscribe();

        await a.DisposeAsync();
        await Eventually(() => b.Logged(RedisPresenceReplicator.NodeLeft), "node B heard node A's goodbye");
        // At once: node B's clock never moves, so no leave debounce has run out.
        await Eventually(() => onB.EventKeys.Count > 0, "node B announced the leave");

        Assert.Null(b.User("alice"));
        Assert.Equal([(PresenceEventKind.Left, "alice")], onB.EventKeys);
        Assert.False(await b.Backplane.Database.KeyExistsAsync(b.Backplane.Key("presence:lease:node-a")));
        Assert.False(await b.Backplane.Database.KeyExistsAsync(b.Backplane.Key("presence:state:node-a")));
    }

    [Fact]
    public async Task ANodeRestartingUnderItsNameWhoseTabsReconnectInTimeShowsNoLeaveOrJoin()
    {
        await using var b = await StartAsync("node-b", redis.Options());
        var old = await StartAsync("node-a", redis.Options());
        old.Track("alice", "circuit-1");
        old.Track("bob", "circuit-2");
        await Eventually(() => b.User("alice") is not null && b.User("bob") is not null, "alice and bob show on node B");
        var onB = b.Subscribe();

        await old.KillAsync();
        await using var restarted = await StartAsync("node-a", redis.Options());
        Assert.NotEqual(old.Replicator.Incarnation, restarted.Replicator.Incarnation);
        // Alice's tab reconnects to the new process in time (a new circuit); bob's never comes back.
        restarted.Track("alice", "circuit-3");
        await Eventually(() => b.User("alice")?.Metas.Single().ConnectionId == "circuit-3", "node B has alice's new tab only");
        await b.PassDebounceAsync();

        Assert.Null(b.User("bob"));
        Assert.Equal([(PresenceEventKind.Left, "bob")], onB.EventKeys);
    }

    [Fact]
    public async Task AfterRedisCrashesAndReturnsEmptyBothNodesConvergeWithNoGhostAndNoDuplicateJoin()
    {
        using var server = new PrivateRedisServer();
        var options = new BackplaneOptions { Redis = server.ConnectionString, Prefix = redis.Prefix, NodeDownAfter = TimeSpan.FromSeconds(3) };
        await using var a = await StartAsync("node-a", options);
        await using var b = await StartAsync("node-b", options);
        a.Track("alice", "a1");
        b.Track("bob", "b1");
        await Eventually(() => a.User("bob") is not null && b.User("alice") is not null, "each node shows the other's user");
        var onA = a.Subscribe();
        var onB = b.Subscribe();

        var generationBefore = a.Replicator.Generation;
        server.Kill();
        await Eventually(() => !a.Backplane.IsConnected && !b.Backplane.IsConnected, "both nodes lost Redis");
        // While Redis is away each node keeps its own presence: alice closes her tab, carl opens one on B.
        a.Tracker.Untrack("site", "alice", "a1");
        b.Track("carl", "b2");
        Assert.Equal(["alice", "bob", "carl"], b.Keys());
        server.Start();

        await Eventually(() => a.User("carl") is not null, "node A learns of carl from node B's republished state", seconds: 40);
        await Eventually(() => a.Replicator.Generation != generationBefore, "node A republished its state", seconds: 40);
        // Zed comes after node A's new state: once node B shows zed, it has re-read that state.
        a.Track("zed", "a2");
        await Eventually(() => b.User("zed") is not null, "node B follows node A's new state");
        await a.PassDebounceAsync();
        await b.PassDebounceAsync();

        Assert.Equal(["bob", "carl", "zed"], a.Keys());
        Assert.Equal(a.Connections(), b.Connections());
        Assert.True(a.Logged(RedisPresenceReplicator.StateRepublished) && b.Logged(RedisPresenceReplicator.StateRepublished));
        Assert.Equal([(PresenceEventKind.Joined, "carl"), (PresenceEventKind.Joined, "zed"), (PresenceEventKind.Left, "alice")], onA.EventKeys.Order());
        Assert.Equal([(PresenceEventKind.Joined, "carl"), (PresenceEventKind.Joined, "zed"), (PresenceEventKind.Left, "alice")], onB.EventKeys.Order());
    }

    public void Dispose() => redis.Dispose();
}
