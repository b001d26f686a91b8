using ChatApp.Core.Chat;
using ChatApp.Core.Presence;
using ChatApp.Redis;
using ChatApp.Redis.Limits;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatApp.Tests.Backplane.Limits;

/// <summary>Registered before the features (as AddChatBackplane does), the shared limits are the ones sends and tabs use.</summary>
public sealed class RedisLimitsRegistrationTests : IDisposable
{
    private readonly TestRedis redis = new();

    [Fact]
    public async Task SendsAndTabsGoThroughTheSharedLimitsWithTheNodesOwnBehind()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Backplane:Limits:Timeout"] = "00:00:03" }).Build());
        services.AddSingleton(Options.Create(redis.Options()));
        services.AddSingleton(Options.Create(new ChatOptions()));
        services.AddSingleton(Options.Create(new PresenceOptions()));
        services.AddRedisBackplane();
        services.AddRedisLimits();
        services.AddChatCore();
        services.AddPresenceCore();
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(3), provider.GetRequiredService<IOptions<RedisLimitsOptions>>().Value.Timeout);
        Assert.IsType<RedisSendRateLimiter>(provider.GetRequiredService<ISendRateLimiter>());
        Assert.IsType<RedisTabLimiter>(provider.GetRequiredService<ITabLimiter>());
        Assert.True(await provider.GetRequiredService<ITabLimiter>().TryOpenAsync("alice", "tab"));
        // The node's own limiter knows the tab too, for when Redis goes away.
        Assert.Equal(1, provider.GetRequiredService<TabLimiter>().OpenTabs("alice"));
        Assert.NotNull((await provider.GetRequiredService<ISendRateLimiter>().TryAcquireAsync("alice"))?.SharedId);
    }

    [Fact]
    public void WithoutRedisTheNodesOwnLimitsAreTheOnesUsed()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new ChatOptions()));
        services.AddSingleton(Options.Create(new PresenceOptions()));
        services.AddChatCore();
        services.AddPresenceCore();
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<SendRateLimiter>(), provider.GetRequiredService<ISendRateLimiter>());
        Assert.Same(provider.GetRequiredService<TabLimiter>(), provider.GetRequiredService<ITabLimiter>());
    }

    public void Dispose() => redis.Dispose();
}
