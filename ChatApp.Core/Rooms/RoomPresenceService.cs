using ChatApp.Core.Chat;
using ChatApp.Core.Presence;

namespace ChatApp.Core.Rooms;

/// <summary>
/// Presence in rooms, behind the same access rule as the room itself: only a tab holding a <see cref="RoomAccess"/>
/// is tracked in a room or told who is there. When the access is revoked, the user leaves the room's online list at
/// once (without the leave debounce, which is for reloads) and their watch of it stops.
/// </summary>
public sealed class RoomPresenceService(PresenceTracker tracker)
{
    public const string SiteTopic = "site";

    /// <summary>A viewer key no user has: it sees exactly what the public sees (no invisible user).</summary>
    public const string PublicViewer = "\u0000public";

    private static readonly ChatError Denied = new(ChatErrorKind.NotAllowed, "You do not have access to this room.");

    public static string RoomTopic(int roomId) => $"room:{roomId}";

    /// <summary>Tracks the tab in the room (again after an outage: entering is idempotent); refused once the access ended.</summary>
    public ChatError? Enter(RoomAccess access, string connectionId, PresenceInfo info)
    {
        if (access.IsRevoked)
        {
            return Denied;
        }
        var topic = RoomTopic(access.RoomId);
        access.OnceWhenEnded(this, why =>
        {
            if (why != RoomAccessEnd.Closed)
            {
                // Every tab of the user on this node leaves at once; a closed view leaves by itself (debounced).
                tracker.UntrackKey(access.UserId, topic);
            }
        });
        // The tab's idle or hidden state is on its connection already, so it shows in the room at once.
        tracker.Track(topic, access.UserId, connectionId, info);
        if (access.IsRevoked && access.EndedBecause != RoomAccessEnd.Closed)
        {
            // Revoked while tracking, after the reaction above ran: undo it here.
            tracker.UntrackKey(access.UserId, topic);
            return Denied;
        }
        return null;
    }

    /// <summary>The tab no longer shows the room (debounced, so a reload does not look like leaving).</summary>
    public void Leave(RoomAccess access, string connectionId) =>
        tracker.Untrack(RoomTopic(access.RoomId), access.UserId, connectionId);

    /// <summary>Drops every tab of the user from every topic, the site's too (their account was locked or closed); this node's tabs only.</summary>
    public void EvictEverywhere(string userId) => tracker.UntrackKey(userId);

    /// <summary>Who is in the room, then every change, until disposed or the access ends.</summary>
    public ChatResult<PresenceSubscription> Watch(RoomAccess access, Func<PresenceChange, Task> onChange)
    {
        if (access.IsRevoked)
        {
            return Denied;
        }
        var subscription = tracker.Subscribe(RoomTopic(access.RoomId), access.UserId, onChange);
        // Held by the access until it ends (a view's lifetime); disposing the subscription first does no harm.
        access.Bind(subscription);
        return ChatResult<PresenceSubscription>.Ok(subscription);
    }
}
