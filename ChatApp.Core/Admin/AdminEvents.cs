using ChatApp.Core.Chat;
using ChatApp.Core.Events;

namespace ChatApp.Core.Admin;

/// <summary>
/// Where an administrative change is announced. <see cref="EventKey.Admin"/> first: the Core handlers there (presence
/// eviction, typing) act before any tab re-checks what it may still see.
/// </summary>
internal static class AdminEvents
{
    /// <summary>To the handlers and administrators' pages, and to the user's own tabs.</summary>
    public static void PublishAccountChange(this IEventBus bus, AccountChange change)
    {
        bus.Publish(EventKey.Admin, change);
        bus.Publish(EventKey.User(change.UserId), change);
    }

    /// <summary>
    /// To the handlers, to the tabs showing the room, and to whoever's room list it changes: the member's tabs for a
    /// membership, everyone's (<see cref="EventKey.Site"/>) for a room created, edited or deleted.
    /// </summary>
    public static void PublishRoomChange(this IEventBus bus, RoomChange change)
    {
        bus.Publish(EventKey.Admin, change);
        bus.Publish(EventKey.Room(change.RoomId), change);
        bus.Publish(change.UserId is { } member ? EventKey.User(member) : EventKey.Site, change);
    }
}
