using ChatApp.Redis;
using ChatApp.Redis.Events;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatApp.Web.Operations.Health;

/// <summary>
/// Redis answers on the app's own connection (a PING), with the event bus's failed publishes and dropped messages
/// since start as details. Only registered when `Backplane:Redis` is set.
/// </summary>
internal sealed class RedisHealthCheck(RedisBackplane redis, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["connected"] = redis.IsConnected };
        if (services.GetService<RedisEventBus>() is { } bus)
        {
            data["busFailedPublishes"] = bus.FailedPublishes;
            data["busDroppedMessages"] = bus.DroppedMessages;
        }
        if (!redis.IsConnected)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is not connected.", data: data);
        }
        try
        {
            var latency = await redis.Database.PingAsync().WaitAsync(cancellationToken);
            data["pingMilliseconds"] = Math.Round(latency.TotalMilliseconds, 1);
            return HealthCheckResult.Healthy("Redis answers.", data);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The message names no password: StackExchange.Redis leaves it out of its errors.
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis does not answer: {ex.GetType().Name}.", data: data);
        }
    }
}
