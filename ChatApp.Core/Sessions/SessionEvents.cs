using ChatApp.Core.Chat;
using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Sessions;

/// <summary>Some of a user's sessions ended: the open tabs of exactly those sessions go to the sign-in page.</summary>
public sealed record SessionsEnded(string UserId, IReadOnlyList<string> Keys);

/// <summary>
/// Tells circuits that sessions ended. Each circuit knows its own session key and reacts only to its own, so ending
/// one device never touches the others.
/// </summary>
public sealed class SessionEvents(ILogger<SessionEvents> logger)
{
    public Broadcast<SessionsEnded> Ended { get; } = new(logger);
}
