using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// The connection every Redis part of the backplane uses. Call the parts' own <c>AddRedis…</c> after it, and
    /// before the features that register the in-process defaults (they only add those when nothing else is there).
    /// </summary>
    public static IServiceCollection AddRedisBackplane(this IServiceCollection services)
    {
        services.AddSingleton<RedisBackplane>();
        return services;
    }
}
