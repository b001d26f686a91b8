using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ChatApp.Core.Events;

namespace ChatApp.Core.Presence;

public static class PresenceServiceCollectionExtensions
{
    /// <summary>The presence engine and the services on top of it: singletons shared by every circuit.</summary>
    public static IServiceCollection AddPresenceCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<ActivityTracker>();
        services.AddSingleton<RoomPresenceService>();
        // Evictions when an administrator takes access away (the events come from Admin; presence never calls it).
        services.AddEventBus();
        services.AddHostedService<RoomPresenceRevocations>();
        services.AddSingleton<TabLimiter>();
        return services;
    }
}
