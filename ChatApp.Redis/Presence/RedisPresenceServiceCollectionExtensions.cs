using ChatApp.Core.Presence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Redis.Presence;

public static class RedisPresenceServiceCollectionExtensions
{
    /// <summary>
    /// Presence shared by every node through Redis: the replicator the presence tracker publishes to and applies other
    /// nodes' changes from, and the hosted service that runs its loops. Needs <see cref="RedisServiceCollectionExtensions.AddRedisBackplane"/>.
    /// </summary>
    public static IServiceCollection AddRedisPresence(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RedisPresenceReplicator>();
        services.AddSingleton<IPresenceReplicator>(sp => sp.GetRequiredService<RedisPresenceReplicator>());
        services.AddHostedService<PresenceReplicationHost>();
        return services;
    }
}
