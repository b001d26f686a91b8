using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Circuits;
using ChatApp.Web.Presence;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ChatApp.Web.Hosting;

public static class PresenceExtensions
{
    public static void AddPresence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.SectionName);
        services.AddPresenceCore();
        services.AddRoomPresence();
        services.AddSingleton<IConnectionPresence, ConnectionPresence>();

        services.AddScoped<CircuitState>();
        services.AddScoped<CircuitNavigation>();
        services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        services.AddScoped<SitePresence>();
        services.AddScoped<WatchList>();

        services.AddHostedService<LastSeenRecorder>();
    }
}
