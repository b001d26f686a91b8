using ChatApp.Core.Events;

namespace ChatApp.Core.Chat.Direct;

/// <summary>
/// A direct conversation as one of its two people sees it: the room to open and the other person, by id and current
/// display name (the viewer themself in a conversation with oneself).
/// </summary>
public sealed record DirectConversation(int RoomId, string Slug, string PeerId, string PeerName)
{
    public bool IsWithOneself(string viewerId) => PeerId == viewerId;
}

/// <summary>
/// A direct conversation was started: published on both people's user keys, so that the one who was written to sees it
/// in their drawer at once, and the starter's other tabs too.
/// </summary>
public sealed record DirectConversationStarted(int RoomId, string StartedBy) : ChatEvent;
