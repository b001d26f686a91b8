using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Backplane.Limits;

/// <summary>A user's send budget is one across every node (real Redis): more tabs on more nodes do not raise it.</summary>
public sealed class SharedSendRateLimitTests : IDisposable
{
    private readonly TestRedis redis = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SendsOnOneNodeUseUpTheBudgetOnTheOther()
    {
        using var a = new LimitNode(redis.Connect(), time);
        using var b = new LimitNode(redis.Connect(), time);

        Assert.Equal(LimitNode.SendLimit, await a.SendsAllowedAsync("alice", LimitNode.SendLimit));

        Assert.Null(await b.Sends.TryAcquireAsync("alice"));
        Assert.NotNull(await b.Sends.TryAcquireAsync("bob"));
    }

    [Fact]
    public async Task ARefundedSendGivesItsSlotBackOnEveryNode()
    {
        using var a = new LimitNode(redis.Connect(), time);
        using var b = new LimitNode(redis.Connect(), time);
        await a.SendsAllowedAsync("alice", LimitNode.SendLimit - 1);
        var last = await a.Sends.TryAcquireAsync("alice");
        Assert.NotNull(last);
        Assert.NotNull(last.Value.SharedId);
        Assert.Null(await b.Sends.TryAcquireAsync("alice"));

        await a.Sends.RefundAsync(last.Value);

        Assert.NotNull(await b.Sends.TryAcquireAsync("alice"));
        Assert.Null(await a.Sends.TryAcquireAsync("alice"));
    }

    [Fact]
    public async Task TheWindowSlidesSendsOlderThanItCountNoMore()
    {
        using var a = new LimitNode(redis.Connect(), time);
        using var b = new LimitNode(redis.Connect(), time);
        await a.SendsAllowedAsync("alice", 2);
        time.Advance(LimitNode.SendWindow / 2);
        await b.SendsAllowedAsync("alice", LimitNode.SendLimit - 2);
        Assert.Null(await a.Sends.TryAcquireAsync("alice"));

        // The first two left the window; the others are still in it.
        time.Advance(LimitNode.SendWindow / 2);

        Assert.Equal(2, await b.SendsAllowedAsync("alice", LimitNode.SendLimit));
    }

    [Fact]
    public async Task ManySendsAtOnceOnTwoNodesGetExactlyTheBudget()
    {
        using var a = new LimitNode(redis.Connect(), time);
        using var b = new LimitNode(redis.Connect(), time);

        var tries = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? a : b).Sends.TryAcquireAsync("alice") is not null));
        var results = await Task.WhenAll(tries);

        Assert.Equal(LimitNode.SendLimit, results.Count(allowed => allowed));
    }

    public void Dispose() => redis.Dispose();
}
