using ChatApp.Core.Events;

namespace ChatApp.Core.Chat;

/// <summary>
/// Something happened to one message of a room, published on the room's key: one subscription per tab hears both
/// kinds, in the order they were published, so a change never overtakes the message it changes on the way to a tab.
/// </summary>
public abstract record MessageEvent(MessageView Message) : ChatEvent;

/// <summary>
/// A message was stored: published on its room's key, in the order of the room's sequence numbers per sender.
/// <paramref name="MentionedUserIds"/>: whom it mentions, so the mention badges of those people's tabs count it
/// without asking the database.
/// </summary>
public sealed record MessageSaved(MessageView Message, IReadOnlyList<string>? MentionedUserIds = null) : MessageEvent(Message);

/// <summary>
/// A stored message was edited or deleted (<see cref="MessageView.Deleted"/>): the message as it is now. Receivers keep
/// the newer of two versions (<see cref="MessageVersions.IsNewerThan"/>), so changes that cross on the way converge.
/// </summary>
public sealed record MessageChanged(MessageView Message) : MessageEvent(Message);

public enum RoomChangeKind
{
    Created,
    Updated,
    Deleted,
    MemberAdded,
    MemberRemoved,
}

/// <summary>
/// A room was created, edited, archived, deleted, or someone (<paramref name="UserId"/>) was added to or removed from
/// it. <paramref name="AccessLost"/>: the removed member may no longer open the room (it is private and they are not
/// an administrator), so every node evicts them from it.
/// </summary>
public sealed record RoomChange(int RoomId, RoomChangeKind Kind, string? UserId = null, bool AccessLost = false) : ChatEvent;

public enum AccountChangeKind
{
    Locked,
    Unlocked,
    Deleted,
    RolesChanged,
}

/// <summary>
/// An account was locked, unlocked, closed, or its roles changed. <paramref name="RoomsLost"/>: private rooms the
/// user may no longer open because of it (a revoked administrator who is not a member), so that every node can
/// evict them from those rooms without asking the database.
/// </summary>
public sealed record AccountChange(string UserId, AccountChangeKind Kind, IReadOnlyList<int>? RoomsLost = null) : ChatEvent;
