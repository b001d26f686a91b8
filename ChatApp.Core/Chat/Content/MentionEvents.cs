using ChatApp.Core.Events;

namespace ChatApp.Core.Chat.Content;

/// <summary>
/// Someone mentioned the user (by name or with <c>@here</c>) in a message just saved: published on the mentioned
/// user's key, for a toast in their tabs that do not show the room.
/// </summary>
public sealed record MentionNotice(string UserId, int RoomId, string RoomSlug, string RoomName, long Seq, string AuthorName, bool Here) : ChatEvent;

/// <summary>A user's display name changed: published on <see cref="DisplayNameChanged.Key"/> for every node's mention names.</summary>
public sealed record DisplayNameChanged(string UserId, string DisplayName) : ChatEvent
{
    public static EventKey Key { get; } = new("names");
}
