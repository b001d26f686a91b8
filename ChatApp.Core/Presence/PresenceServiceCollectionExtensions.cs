using ChatApp.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.Presence;

public static class PresenceServiceCollectionExtensions
{
    /// <summary>The presence engine and automatic away: singletons shared by every circuit (room presence: AddRoomPresence).</summary>
    public static IServiceCollection AddPresenceCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddChatMetrics();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<ActivityTracker>();
        services.AddSingleton<TabLimiter>();
        // Unless a shared limiter of several instances was registered before (it uses the one above as its fallback).
        services.TryAddSingleton<ITabLimiter>(sp => sp.GetRequiredService<TabLimiter>());
        return services;
    }
}
