using ChatApp.Core.Chat;
using ChatApp.Core.Presence;
using ChatApp.Redis;
using ChatApp.Redis.Limits;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Backplane.Limits;

/// <summary>One node's limiters on a shared Redis, as the app wires them: the shared ones over the node's own.</summary>
internal sealed class LimitNode : IDisposable
{
    public const int MaxTabs = 3;
    public const int SendLimit = 5;
    public static readonly TimeSpan SendWindow = TimeSpan.FromSeconds(10);

    public LimitNode(RedisBackplane redis, FakeTimeProvider time, LogCollector? logs = null, TimeSpan? timeout = null)
    {
        Redis = redis;
        Loggers = LoggerFactory.Create(builder => builder.AddProvider(logs ?? new LogCollector()));
        // Generous on a loaded test machine (a timeout would quietly turn a shared decision into a local one);
        // the tests of a dead Redis do not wait for it (the node knows it is disconnected).
        var limits = Options.Create(new RedisLimitsOptions { Timeout = timeout ?? TimeSpan.FromSeconds(5) });
        LocalSends = new SendRateLimiter(time, Options.Create(new ChatOptions { SendLimitCount = SendLimit, SendLimitWindow = SendWindow }));
        Sends = new RedisSendRateLimiter(redis, LocalSends, time, Options.Create(new ChatOptions { SendLimitCount = SendLimit, SendLimitWindow = SendWindow }),
            limits, Loggers.CreateLogger<RedisSendRateLimiter>());
        LocalTabs = new TabLimiter(Options.Create(new PresenceOptions { MaxTabsPerUser = MaxTabs }));
        Tabs = new RedisTabLimiter(redis, LocalTabs, time, limits, Loggers.CreateLogger<RedisTabLimiter>());
    }

    public RedisBackplane Redis { get; }
    public ILoggerFactory Loggers { get; }
    public SendRateLimiter LocalSends { get; }
    public RedisSendRateLimiter Sends { get; }
    public TabLimiter LocalTabs { get; }
    public RedisTabLimiter Tabs { get; }

    /// <summary>How many of <paramref name="count"/> sends the user gets through.</summary>
    public async Task<int> SendsAllowedAsync(string userId, int count)
    {
        var allowed = 0;
        for (var i = 0; i < count; i++)
        {
            if (await Sends.TryAcquireAsync(userId) is not null)
            {
                allowed++;
            }
        }
        return allowed;
    }

    public void Dispose()
    {
        Tabs.Dispose();
        Loggers.Dispose();
    }
}
