using ChatApp.Core.Events;

namespace ChatApp.Core.Chat.Reading;

/// <summary>
/// The user's read position in a room moved forward to <paramref name="LastReadSeq"/>: published on the user's key
/// (<see cref="EventKey.User"/>) after it was saved, so every tab of theirs, on every instance, clears the room's badge.
/// </summary>
public sealed record ReadPositionMoved(string UserId, int RoomId, long LastReadSeq) : ChatEvent;
