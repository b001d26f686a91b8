using ChatApp.Core.Chat;
using ChatApp.Core.Presence;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Redis.Limits;

public static class RedisLimitsServiceCollectionExtensions
{
    /// <summary>
    /// The send rate limit and the tab cap shared by every node (each falls back to the node's own while Redis is
    /// unreachable). Before the features: they add the in-process limiters, which these use as their fallback.
    /// </summary>
    public static IServiceCollection AddRedisLimits(this IServiceCollection services)
    {
        services.AddOptions<RedisLimitsOptions>().BindConfiguration(RedisLimitsOptions.SectionName)
            .Validate(o => o.Timeout > TimeSpan.Zero, "Backplane:Limits:Timeout must be positive.");
        services.AddSingleton<RedisSendRateLimiter>();
        services.AddSingleton<ISendRateLimiter>(sp => sp.GetRequiredService<RedisSendRateLimiter>());
        services.AddSingleton<RedisTabLimiter>();
        services.AddSingleton<ITabLimiter>(sp => sp.GetRequiredService<RedisTabLimiter>());
        return services;
    }
}
