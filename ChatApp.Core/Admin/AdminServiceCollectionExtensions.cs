using ChatApp.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>Administration of rooms, members and accounts, and the audit log: singletons.</summary>
    public static IServiceCollection AddAdminCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddEventBus();
        services.AddSingleton<AdminRunner>();
        services.AddSingleton<RoomAdministration>();
        services.AddSingleton<AccountAdministration>();
        return services;
    }
}
