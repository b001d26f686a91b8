using ChatApp.Tests.Events;
using ChatApp.Tests.Infrastructure;

namespace ChatApp.Tests.Backplane.Events;

// The bus's contract tests again, each on a node of a Redis deployment of its own: publishing also goes to Redis, and
// what comes back must not change what a subscriber of the publishing node gets (no echo, same order, same isolation).

public sealed class EventBusContractOnRedisTests : InProcessEventBusTests, IDisposable
{
    private readonly TestRedis redis;

    public EventBusContractOnRedisTests() : this(new TestRedis())
    {
    }

    private EventBusContractOnRedisTests(TestRedis redis) : base(() =>
    {
        var node = redis.BusAsync().GetAwaiter().GetResult();
        return (node, node.Local);
    }) => this.redis = redis;

    public void Dispose() => redis.Dispose();
}

public sealed class EventObserverContractOnRedisTests : EventObserverTests, IDisposable
{
    private readonly TestRedis redis;

    public EventObserverContractOnRedisTests() : this(new TestRedis())
    {
    }

    private EventObserverContractOnRedisTests(TestRedis redis) : base(() =>
    {
        var node = redis.BusAsync().GetAwaiter().GetResult();
        return (node, node.Local);
    }) => this.redis = redis;

    public void Dispose() => redis.Dispose();
}
