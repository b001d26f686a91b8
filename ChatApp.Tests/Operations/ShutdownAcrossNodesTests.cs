using ChatApp.Core.Presence;
using ChatApp.Redis.Presence;
using ChatApp.Tests.Infrastructure;
using static ChatApp.Tests.Backplane.Presence.ReplicatedNode;

namespace ChatApp.Tests.Operations;

/// <summary>Two nodes on one Redis: the one that stops takes its tabs out of presence on the other at once.</summary>
public sealed class ShutdownAcrossNodesTests : IDisposable
{
    private readonly TestRedis redis = new();

    [Fact]
    public async Task TheUsersOfANodeThatStopsLeaveTheOtherNodeAtOnceButNotThoseStillThere()
    {
        // A lease far longer than the test, and neither clock moves: only the stop itself can make anyone leave.
        await using var b = await StartAsync("node-b", redis.Options(TimeSpan.FromMinutes(10)));
        await using var a = await StartAsync("node-a", redis.Options(TimeSpan.FromMinutes(10)));
        a.Track("alice", "a1");
        a.Track("dave", "a2");
        b.Track("dave", "b1");
        await Eventually(() => b.User("alice") is not null && b.User("dave")?.Metas.Length == 2, "node B sees alice and both of dave's tabs");
        var onB = b.Subscribe();

        var left = await a.Tracker.LeaveAllAsync();

        Assert.Equal(2, left);
        await Eventually(() => b.Logged(RedisPresenceReplicator.NodeLeft), "node B heard node A's goodbye");
        await Eventually(() => b.User("alice") is null, "alice left node B");
        // Dave still has a tab on node B: one of his tabs closing is not a leave.
        Assert.Equal(["b1"], b.User("dave")!.Metas.Select(m => m.ConnectionId));
        Assert.Equal([(PresenceEventKind.Left, "alice")], onB.EventKeys);
        Assert.Null(a.User("alice"));
    }

    public void Dispose() => redis.Dispose();
}
