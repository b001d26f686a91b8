using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ChatApp.Core.Events;

namespace ChatApp.Core.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>Signed-in devices: singletons shared by every request and circuit. Options come from the caller.</summary>
    public static IServiceCollection AddSessionsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddEventBus();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionService>();
        return services;
    }
}
