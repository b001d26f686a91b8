using ChatApp.Core.Chat;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatApp.Redis.Limits;

/// <summary>
/// The send budget of a user across every node: a sorted set per user (<c>limits:send:{userId}</c>) of the sends in
/// the window, scored by when they were taken (the injected clock). One Lua script trims what left the window,
/// counts and adds, so two nodes never both take the last slot; a refund removes its member. While Redis is down or
/// slow, this node's own <see cref="SendRateLimiter"/> decides (a user can then send the limit on each node).
/// </summary>
public sealed class RedisSendRateLimiter : ISendRateLimiter
{
    // KEYS[1]: the user's window. ARGV: now (ms), window (ms), limit, member.
    private const string Take = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], window + 1000)
        return 1
        """;

    private readonly SendRateLimiter local;
    private readonly TimeProvider time;
    private readonly IOptions<ChatOptions> chat;
    private readonly SharedLimit shared;

    public RedisSendRateLimiter(RedisBackplane redis, SendRateLimiter local, TimeProvider time, IOptions<ChatOptions> chat,
        IOptions<RedisLimitsOptions> options, ILogger<RedisSendRateLimiter> logger)
    {
        this.local = local;
        this.time = time;
        this.chat = chat;
        shared = new SharedLimit(redis, options, logger, "send rate limit");
    }

    public async ValueTask<SendPermit?> TryAcquireAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var member = Guid.NewGuid().ToString("N");
        var settings = chat.Value;
        var (isShared, taken) = await shared.TryAsync(db => db.ScriptEvaluateAsync(Take, [Key(userId)],
            [now.ToUnixTimeMilliseconds(), (long)settings.SendLimitWindow.TotalMilliseconds, settings.SendLimitCount, member]));
        if (!isShared)
        {
            return local.TryAcquire(userId);
        }
        return (int)taken == 1 ? new SendPermit(userId, now, member) : null;
    }

    public async ValueTask RefundAsync(SendPermit permit)
    {
        if (permit.SharedId is not { } member)
        {
            local.Refund(permit);
            return;
        }
        // Not reachable: the slot stays taken until it leaves the window, as the send would have.
        await shared.TryAsync(db => db.SortedSetRemoveAsync(Key(permit.UserId), member));
    }

    private RedisKey Key(string userId) => shared.Redis.Key($"limits:send:{userId}");
}
