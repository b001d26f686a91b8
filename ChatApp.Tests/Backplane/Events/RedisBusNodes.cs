using ChatApp.Redis;
using ChatApp.Redis.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatApp.Tests.Backplane.Events;

internal static class RedisBusNodes
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>A node's bus in the test's deployment, once it hears the deployment's events.</summary>
    public static Task<RedisEventBus> BusAsync(this TestRedis redis, ILoggerFactory? loggers = null, TimeProvider? time = null) =>
        redis.Connect().BusAsync(loggers, time);

    /// <summary>The bus of the node on this connection, once it hears the deployment's events.</summary>
    public static async Task<RedisEventBus> BusAsync(this RedisBackplane node, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        var bus = new RedisEventBus(node, loggers ?? NullLoggerFactory.Instance, time ?? TimeProvider.System);
        await bus.Listening.WaitAsync(Patience);
        return bus;
    }
}
