using ChatApp.Core.Chat;
using ChatApp.Core.Presence;

namespace ChatApp.Core.Rooms;

/// <summary>
/// Presence in rooms, behind the same access rule as the room itself: only someone who may open a room is
/// tracked in it or told who is there.
/// </summary>
public sealed class RoomPresenceService(ChatService chat, PresenceTracker tracker)
{
    public const string SiteTopic = "site";

    /// <summary>A viewer key no user has: it sees exactly what the public sees (no invisible user).</summary>
    public const string PublicViewer = "\u0000public";

    public static string RoomTopic(int roomId) => $"room:{roomId}";

    public async Task<ChatError?> EnterAsync(string userId, int roomId, string connectionId, PresenceInfo info, CancellationToken ct = default)
    {
        var access = await chat.OpenRoomAsync(userId, roomId, ct);
        if (!access.Succeeded)
        {
            return access.Error;
        }
        // The tab's idle or hidden state is on its connection already, so it shows in the room at once.
        tracker.Track(RoomTopic(roomId), userId, connectionId, info);
        return null;
    }

    public void Leave(string userId, int roomId, string connectionId) =>
        tracker.Untrack(RoomTopic(roomId), userId, connectionId);

    /// <summary>Drops every tab of the user from the room (they lost access); this node's tabs only.</summary>
    public void EvictFromRoom(int roomId, string userId) => tracker.UntrackKey(userId, RoomTopic(roomId));

    /// <summary>Drops every tab of the user from these rooms at once (one pass over the connections).</summary>
    public void EvictFromRooms(IEnumerable<int> roomIds, string userId)
    {
        var topics = roomIds.Select(RoomTopic).ToHashSet(StringComparer.Ordinal);
        if (topics.Count > 0)
        {
            tracker.UntrackKey(userId, topics.Contains);
        }
    }

    /// <summary>Drops everyone from the room's presence at once (the room was deleted); this node's tabs only.</summary>
    public void CloseRoom(int roomId) => tracker.UntrackTopic(RoomTopic(roomId));

    /// <summary>Drops every tab of the user from every topic (their account was locked); this node's tabs only.</summary>
    public void EvictEverywhere(string userId) => tracker.UntrackKey(userId);

    public async Task<ChatResult<PresenceSubscription>> WatchAsync(
        string viewerId, int roomId, Func<PresenceChange, Task> onChange, CancellationToken ct = default)
    {
        var access = await chat.OpenRoomAsync(viewerId, roomId, ct);
        if (!access.Succeeded)
        {
            return access.Error!;
        }
        return ChatResult<PresenceSubscription>.Ok(tracker.Subscribe(RoomTopic(roomId), viewerId, onChange));
    }
}
