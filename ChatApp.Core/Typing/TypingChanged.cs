using ChatApp.Core.Events;

namespace ChatApp.Core.Typing;

public sealed record Typist(string UserId, string DisplayName);

/// <summary>
/// Who is typing in a room now, published on the room's key whenever the list changes. <paramref name="Version"/>
/// grows with every change of any room, so a watcher keeps the newest list when two changes race.
/// </summary>
public sealed record TypingChanged(int RoomId, long Version, IReadOnlyList<Typist> Typists) : ChatEvent;
