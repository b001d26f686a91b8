using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Diagnostics;

/// <summary>
/// The source-generated log lines of <see cref="LogEvents"/>. Only ids (accounts, rooms, circuits) and counts: never
/// an email, a display name, a message's text or a client address, so the log is not a second copy of personal data.
/// </summary>
public static partial class LogEventMessages
{
    [LoggerMessage(EventId = LogEvents.AccountLocked, EventName = nameof(LogEvents.AccountLocked), Level = LogLevel.Warning,
        Message = "Account {UserId} locked by administrator {ActorId}: its sessions and tabs are signed out")]
    public static partial void AccountLocked(this ILogger logger, string userId, string actorId);

    [LoggerMessage(EventId = LogEvents.AccountUnlocked, EventName = nameof(LogEvents.AccountUnlocked), Level = LogLevel.Information,
        Message = "Account {UserId} unlocked by administrator {ActorId}")]
    public static partial void AccountUnlocked(this ILogger logger, string userId, string actorId);

    [LoggerMessage(EventId = LogEvents.AccountLockedOut, EventName = nameof(LogEvents.AccountLockedOut), Level = LogLevel.Warning,
        Message = "Account {UserId} locked out after too many wrong passwords")]
    public static partial void AccountLockedOut(this ILogger logger, string userId);

    [LoggerMessage(EventId = LogEvents.TabLimitReached, EventName = nameof(LogEvents.TabLimitReached), Level = LogLevel.Information,
        Message = "Circuit {CircuitId} of {UserId} refused: the account has its {MaxTabs} tabs open")]
    public static partial void TabLimitReached(this ILogger logger, string circuitId, string userId, int maxTabs);

    [LoggerMessage(EventId = LogEvents.TabOverLimitEnded, EventName = nameof(LogEvents.TabOverLimitEnded), Level = LogLevel.Warning,
        Message = "A tab over the limit of {MaxTabs} tabs did not reload: the server ends its circuit")]
    public static partial void TabOverLimitEnded(this ILogger logger, int maxTabs);

    [LoggerMessage(EventId = LogEvents.RoomDeleted, EventName = nameof(LogEvents.RoomDeleted), Level = LogLevel.Warning,
        Message = "Room {RoomId} deleted by administrator {ActorId} with its {Messages} messages")]
    public static partial void RoomDeleted(this ILogger logger, int roomId, string actorId, int messages);
}
