using ChatApp.Core.Events;

namespace ChatApp.Core.Typing;

public sealed record Typist(string UserId, string DisplayName);

/// <summary>
/// Who is typing in a room on one app instance (<paramref name="Node"/>, the presence node id), published on the
/// room's key whenever that list changes, and again while someone on it keeps typing (so other instances keep
/// showing them). <paramref name="Version"/> grows with every change on that node. Each instance merges the lists of
/// every node (TypingService.Remote.cs); a watcher shows the merged list, never one node's alone.
/// </summary>
public sealed record TypingChanged(int RoomId, long Version, IReadOnlyList<Typist> Typists, string Node = "") : ChatEvent;
