using ChatApp.Core.Events;

namespace ChatApp.Core.Sessions;

/// <summary>
/// Some of a user's sessions ended, published on the user's key: each circuit knows its own session key and reacts
/// only to its own, so ending one device never touches the others, and the open tabs of exactly those sessions go
/// to the sign-in page.
/// </summary>
public sealed record SessionsEnded(string UserId, IReadOnlyList<string> Keys) : ChatEvent;
