using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Backplane.Limits;

/// <summary>The cap on a user's live tabs holds across nodes (real Redis), and a dead node's tabs give their slots back.</summary>
public sealed class SharedTabLimitTests : IDisposable
{
    private readonly TestRedis redis = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TabsOnOneNodeCountOnTheOther()
    {
        using var a = new LimitNode(redis.Connect(), time);
        using var b = new LimitNode(redis.Connect(), time);
        Assert.True(await a.Tabs.TryOpenAsync("alice", "a1"));
        Assert.True(await b.Tabs.TryOpenAsync("alice", "b1"));
        Assert.True(await a.Tabs.TryOpenAsync("alice", "a2"));

        Assert.False(await b.Tabs.TryOpenAsync("alice", "b2"));
        Assert.Equal(LimitNode.MaxTabs, await b.Tabs.OpenTabsAsync("alice"));
        Assert.True(await b.Tabs.TryOpenAsync("bob", "b3"));
        // Opening a tab that is already open is not a second slot.
        Assert.True(await a.Tabs.TryOpenAsync("alice", "a1"));
    }

    [Fact]
    public async Task ATabClosedOnOneNodeFreesItsSlotForTheOther()
    {
        using var a = new LimitNode(redis.Connect(), time);
        using var b = new LimitNode(redis.Connect(), time);
        for (var i = 0; i < LimitNode.MaxTabs; i++)
        {
            Assert.True(await a.Tabs.TryOpenAsync("alice", $"a{i}"));
        }
        Assert.False(await b.Tabs.TryOpenAsync("alice", "b1"));

        a.Tabs.Close("a0");
        // The removal is sent without waiting for it; one connection keeps a node's commands in order.
        Assert.Equal(LimitNode.MaxTabs - 1, await a.Tabs.OpenTabsAsync("alice"));

        Assert.True(await b.Tabs.TryOpenAsync("alice", "b1"));
    }

    [Fact]
    public async Task TwoNodesOpeningTheLastSlotFromManyThreadsLetExactlyOneIn()
    {
        using var a = new LimitNode(redis.Connect(), time);
        using var b = new LimitNode(redis.Connect(), time);
        for (var i = 0; i < LimitNode.MaxTabs - 1; i++)
        {
            Assert.True(await a.Tabs.TryOpenAsync("alice", $"open{i}"));
        }

        var tries = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? a : b).Tabs.TryOpenAsync("alice", $"racer{i}")));
        var results = await Task.WhenAll(tries);

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(LimitNode.MaxTabs, await b.Tabs.OpenTabsAsync("alice"));
        Assert.Equal(LimitNode.MaxTabs, a.LocalTabs.OpenTabs("alice") + b.LocalTabs.OpenTabs("alice"));
    }

    [Fact]
    public async Task ACrashedNodesTabsFreeTheirSlotsOnceItsLeaseRunsOut()
    {
        var nodeDownAfter = TimeSpan.FromSeconds(15);
        var crashing = new LimitNode(redis.Connect(nodeDownAfter), time);
        using var survivor = new LimitNode(redis.Connect(nodeDownAfter), time);
        Assert.True(await survivor.Tabs.TryOpenAsync("alice", "kept"));
        for (var i = 1; i < LimitNode.MaxTabs; i++)
        {
            Assert.True(await crashing.Tabs.TryOpenAsync("alice", $"doomed{i}"));
        }
        Assert.False(await survivor.Tabs.TryOpenAsync("alice", "new"));

        // Alive, the node renews its leases: after most of the lease, and again after it, they still count.
        time.Advance(nodeDownAfter * 2 / 3);
        await crashing.Tabs.RenewAsync();
        await survivor.Tabs.RenewAsync();
        time.Advance(nodeDownAfter * 2 / 3);
        Assert.False(await survivor.Tabs.TryOpenAsync("alice", "new"));

        // Killed: nothing closes its tabs, nobody renews them.
        crashing.Dispose();
        crashing.Redis.Dispose();
        await survivor.Tabs.RenewAsync();
        time.Advance(nodeDownAfter * 2 / 3);
        await survivor.Tabs.RenewAsync();
        time.Advance(nodeDownAfter / 3);

        Assert.Equal(1, await survivor.Tabs.OpenTabsAsync("alice"));
        Assert.True(await survivor.Tabs.TryOpenAsync("alice", "new"));
    }

    public void Dispose() => redis.Dispose();
}
