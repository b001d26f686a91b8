using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>Signed-in devices: singletons shared by every request and circuit. Options come from the caller.</summary>
    public static IServiceCollection AddSessionsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SessionEvents>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionService>();
        return services;
    }
}
