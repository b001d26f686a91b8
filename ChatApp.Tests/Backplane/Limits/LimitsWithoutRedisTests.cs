using ChatApp.Redis;
using ChatApp.Redis.Limits;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ChatApp.Tests.Backplane.Limits;

/// <summary>
/// Redis gone or stuck: every node keeps limiting on its own (sends and tabs still work, nothing throws), says so once,
/// and shares the limits again once Redis is back.
/// </summary>
public sealed class LimitsWithoutRedisTests : IDisposable
{
    private readonly PrivateRedisServer server = new();
    private readonly string prefix = $"test-{Guid.NewGuid():N}";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly List<IDisposable> owned = [];

    private (LimitNode Node, Watched Events) Node(LogCollector? logs = null, TimeSpan? timeout = null)
    {
        var redis = new RedisBackplane(Options.Create(new BackplaneOptions { Redis = server.ConnectionString, Prefix = prefix }),
            NullLogger<RedisBackplane>.Instance);
        var events = new Watched(redis);
        var node = new LimitNode(redis, time, logs, timeout);
        owned.Add(redis);
        owned.Add(node);
        return (node, events);
    }

    [Fact]
    public async Task WhileRedisIsDownEachNodeLimitsOnItsOwnAndWhenItIsBackTheyShareAgain()
    {
        var logs = new LogCollector();
        var (a, aEvents) = Node(logs);
        var (b, bEvents) = Node();
        Assert.Equal(2, await a.SendsAllowedAsync("alice", 2));
        Assert.True(await a.Tabs.TryOpenAsync("alice", "a-before"));

        server.Kill();
        await Task.WhenAll(aEvents.Lost, bEvents.Lost).WaitAsync(TimeSpan.FromSeconds(30));

        // Per node: each has its own budget and its own cap, and says once that it is on its own.
        Assert.Equal(LimitNode.SendLimit, await a.SendsAllowedAsync("alice", LimitNode.SendLimit + 2));
        Assert.Equal(LimitNode.SendLimit, await b.SendsAllowedAsync("alice", LimitNode.SendLimit + 2));
        for (var i = 1; i < LimitNode.MaxTabs; i++)
        {
            Assert.True(await a.Tabs.TryOpenAsync("alice", $"a{i}"));
        }
        Assert.False(await a.Tabs.TryOpenAsync("alice", "a-over"));
        for (var i = 0; i < LimitNode.MaxTabs; i++)
        {
            Assert.True(await b.Tabs.TryOpenAsync("alice", $"b{i}"));
        }
        Assert.Equal(LimitNode.MaxTabs, await b.Tabs.OpenTabsAsync("alice"));
        b.Tabs.Close("b0");
        Assert.Equal(2, logs.Entries.Count(e => e.EventId == SharedLimit.LimitsLocal && e.Level == LogLevel.Warning));

        server.Start();
        await Task.WhenAll(aEvents.Restored, bEvents.Restored).WaitAsync(TimeSpan.FromSeconds(30));
        // The restored Redis is empty: each node puts its tabs back (it also does so by itself on Restored).
        await a.Tabs.RenewAsync();
        await b.Tabs.RenewAsync();

        Assert.Equal(LimitNode.MaxTabs * 2 - 1, await a.Tabs.OpenTabsAsync("alice"));
        Assert.False(await b.Tabs.TryOpenAsync("alice", "b-over"));
        Assert.Equal(LimitNode.SendLimit, await a.SendsAllowedAsync("carol", LimitNode.SendLimit));
        Assert.Null(await b.Sends.TryAcquireAsync("carol"));
        Assert.Contains(logs.Entries, e => e.EventId == SharedLimit.LimitsShared);
    }

    [Fact]
    public async Task AStuckRedisDoesNotHoldUpASendTheNodeDecidesAlone()
    {
        var logs = new LogCollector();
        var (a, _) = Node(logs, timeout: TimeSpan.FromMilliseconds(250));
        Assert.NotNull((await a.Sends.TryAcquireAsync("alice"))?.SharedId);
        // Kept until the end: closing it would wait for the pause to end.
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},allowAdmin=true");
        // Connected, but answering nothing for a while (as a Redis swapping or saving would).
        Assert.Equal("OK", (await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL")).ToString());

        var permit = await a.Sends.TryAcquireAsync("alice");
        var tab = await a.Tabs.TryOpenAsync("alice", "a1");

        Assert.NotNull(permit);
        Assert.Null(permit.Value.SharedId);
        Assert.True(tab);
        Assert.Equal(1, a.LocalTabs.OpenTabs("alice"));
        Assert.Contains(logs.Entries, e => e.EventId == SharedLimit.LimitsLocal);
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(owned))
        {
            item.Dispose();
        }
        server.Dispose();
    }

    /// <summary>A node's Lost and Restored events, as tasks to wait for (bounded).</summary>
    private sealed class Watched
    {
        private readonly TaskCompletionSource lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource restored = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Watched(RedisBackplane redis)
        {
            redis.Lost += () => lost.TrySetResult();
            redis.Restored += () => restored.TrySetResult();
        }

        public Task Lost => lost.Task;
        public Task Restored => restored.Task;
    }
}
