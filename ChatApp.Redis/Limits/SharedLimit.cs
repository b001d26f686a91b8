using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatApp.Redis.Limits;

/// <summary>
/// Runs one limit's call on Redis within <see cref="RedisLimitsOptions.Timeout"/>, or says it could not (Redis down,
/// slow, or failing), so that the caller decides with the node's own limit instead. Logs once when it starts deciding
/// alone and once when Redis answers again, not on every call. Thread-safe.
/// </summary>
internal sealed class SharedLimit(RedisBackplane redis, IOptions<RedisLimitsOptions> options, ILogger logger, string what)
{
    public static readonly EventId LimitsLocal = new(1630, "LimitsLocal");
    public static readonly EventId LimitsShared = new(1631, "LimitsShared");

    private int local;

    public RedisBackplane Redis => redis;

    /// <summary>The call's result, or <c>Shared: false</c> when Redis did not give one in time.</summary>
    public async Task<(bool Shared, T Result)> TryAsync<T>(Func<IDatabase, Task<T>> call)
    {
        if (!redis.IsConnected)
        {
            // Queued commands would wait for the reconnection: decide now, alone.
            FellBack(null);
            return (false, default!);
        }
        Task<T>? pending = null;
        try
        {
            pending = call(redis.Database);
            var result = await pending.WaitAsync(options.Value.Timeout);
            if (Interlocked.Exchange(ref local, 0) == 1)
            {
                logger.LogInformation(LimitsShared, "Redis answers again: the {Limit} is shared by every node again", what);
            }
            return (true, result);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // A call that timed out may still fail later: nobody is left to observe it.
            _ = pending?.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            FellBack(ex);
            return (false, default!);
        }
    }

    private void FellBack(Exception? ex)
    {
        if (Interlocked.Exchange(ref local, 1) == 0)
        {
            logger.LogWarning(LimitsLocal, ex, "Redis does not answer: the {Limit} is this node's own until it does", what);
        }
    }
}
