using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Core.Rooms;

public static class RoomsServiceCollectionExtensions
{
    /// <summary>Room presence: the presence engine behind the rooms' access rules (needs AddPresenceCore and the chat services).</summary>
    public static IServiceCollection AddRoomPresence(this IServiceCollection services)
    {
        services.AddSingleton<RoomPresenceService>();
        return services;
    }
}
