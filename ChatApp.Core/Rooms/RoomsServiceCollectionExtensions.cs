using ChatApp.Core.Events;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Core.Rooms;

public static class RoomsServiceCollectionExtensions
{
    /// <summary>Room presence: the presence engine behind the rooms' access rules (needs AddPresenceCore and the chat services).</summary>
    public static IServiceCollection AddRoomPresence(this IServiceCollection services)
    {
        services.AddSingleton<RoomPresenceService>();
        // Evictions when an administrator takes access away (the events come from Admin; presence never calls it).
        services.AddEventBus();
        services.AddHostedService<RoomPresenceRevocations>();
        return services;
    }
}
