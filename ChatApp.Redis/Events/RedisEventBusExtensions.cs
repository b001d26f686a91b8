using ChatApp.Core.Events;
using ChatApp.Redis.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Redis;

public static class RedisEventBusExtensions
{
    /// <summary>
    /// The event bus across nodes: registered as <see cref="IEventBus"/> before the features' <c>AddEventBus</c>, which
    /// then adds no in-process default. Needs <see cref="RedisServiceCollectionExtensions.AddRedisBackplane"/>.
    /// </summary>
    public static IServiceCollection AddRedisEventBus(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RedisEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<RedisEventBus>());
        return services;
    }
}
