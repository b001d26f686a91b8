using ChatApp.Core.Presence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatApp.Redis.Limits;

/// <summary>
/// The cap on live tabs per account across every node. A sorted set per user (<c>limits:tabs:{userId}</c>) holds
/// each open tab, scored by when its lease runs out (the injected clock); every node renews the leases of its own
/// tabs every third of <see cref="BackplaneOptions.NodeDownAfter"/>. So a tab's slot dies with its node: nobody has
/// to notice a crash, the next opening just no longer counts a lease nobody renewed (why leases per tab rather than
/// per-node counts: one key per user, and one atomic script sees everything it needs to decide). Opening is one Lua
/// script (trim the expired, count, add), so two nodes never both take the last slot.
/// <para>This node's <see cref="TabLimiter"/> always knows its own tabs: while Redis is down or slow it decides
/// alone (the cap then holds per node), and when Redis is back the next renewal puts every tab of the node, those
/// opened meanwhile too, into the shared sets again.</para>
/// </summary>
public sealed class RedisTabLimiter : ITabLimiter, IDisposable
{
    // KEYS[1]: the user's tabs. ARGV: now (ms), lease end (ms), cap, tab, key lifetime (ms).
    private const string Open = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if not redis.call('ZSCORE', KEYS[1], ARGV[4]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return 1
        """;

    private readonly TabLimiter local;
    private readonly TimeProvider time;
    private readonly SharedLimit shared;
    private readonly TimeSpan lease;
    private readonly ITimer renewal;
    private readonly ILogger logger;

    public RedisTabLimiter(RedisBackplane redis, TabLimiter local, TimeProvider time,
        IOptions<RedisLimitsOptions> options, ILogger<RedisTabLimiter> logger)
    {
        this.local = local;
        this.time = time;
        this.logger = logger;
        shared = new SharedLimit(redis, options, logger, "tab limit");
        lease = redis.NodeDownAfter;
        renewal = time.CreateTimer(_ => _ = RenewAsync(), null, lease / 3, lease / 3);
        redis.Restored += OnRestored;
    }

    public int MaxTabsPerUser => local.MaxTabsPerUser;

    public async ValueTask<bool> TryOpenAsync(string userId, string connectionId)
    {
        var now = time.GetUtcNow();
        var (isShared, opened) = await shared.TryAsync(db => db.ScriptEvaluateAsync(Open, [Key(userId)],
            [now.ToUnixTimeMilliseconds(), (now + lease).ToUnixTimeMilliseconds(), MaxTabsPerUser, connectionId, KeyLifetime]));
        if (!isShared)
        {
            return local.TryOpen(userId, connectionId);
        }
        if ((int)opened != 1)
        {
            return false;
        }
        local.Add(userId, connectionId);
        return true;
    }

    public void Close(string connectionId)
    {
        if (local.UserOf(connectionId) is not { } userId)
        {
            return;
        }
        local.Close(connectionId);
        if (shared.Redis.IsConnected)
        {
            // Not waited for: if it is lost, the lease nobody renews any more frees the slot.
            shared.Redis.Database.SortedSetRemove(Key(userId), connectionId, CommandFlags.FireAndForget);
        }
    }

    public async ValueTask<int> OpenTabsAsync(string userId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var (isShared, count) = await shared.TryAsync(db => db.SortedSetLengthAsync(Key(userId), now, double.PositiveInfinity, Exclude.Start));
        return isShared ? (int)count : local.OpenTabs(userId);
    }

    /// <summary>
    /// Extends the lease of every tab of this node (and puts back those Redis lost or never had). Runs on a timer and
    /// when Redis comes back.
    /// </summary>
    internal async Task RenewAsync()
    {
        try
        {
            var tabs = local.Snapshot();
            if (tabs.Count == 0 || !shared.Redis.IsConnected)
            {
                return;
            }
            var until = (time.GetUtcNow() + lease).ToUnixTimeMilliseconds();
            var db = shared.Redis.Database;
            var writes = new List<Task>();
            foreach (var user in tabs.GroupBy(tab => tab.UserId))
            {
                var key = Key(user.Key);
                writes.Add(db.SortedSetAddAsync(key, [.. user.Select(tab => new SortedSetEntry(tab.ConnectionId, until))]));
                writes.Add(db.KeyExpireAsync(key, TimeSpan.FromMilliseconds(KeyLifetime)));
            }
            await Task.WhenAll(writes);
        }
        catch (Exception ex)
        {
            // The next renewal tries again, well within the lease.
            logger.LogWarning(ex, "Could not renew this node's tab leases on Redis");
        }
    }

    private void OnRestored() => _ = RenewAsync();

    // Long after every lease in it ended: a user nobody renews for disappears from Redis.
    private long KeyLifetime => (long)(lease * 2).TotalMilliseconds;

    private RedisKey Key(string userId) => shared.Redis.Key($"limits:tabs:{userId}");

    public void Dispose()
    {
        shared.Redis.Restored -= OnRestored;
        renewal.Dispose();
    }
}
