using Microsoft.Extensions.Logging;

namespace ChatApp.Redis;

/// <summary>
/// The backplane's alert-worthy lines, source-generated with their stable ids (1600 RedisLost, 1601 RedisRestored,
/// 1622 PresenceNodeDown; the whole list is in docs/operations.md).
/// </summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 1600, EventName = "RedisLost", Level = LogLevel.Error,
        Message = "Lost Redis at {Endpoint} ({Failure}): this node works on its own until it is back")]
    public static partial void RedisLost(this ILogger logger, Exception? exception, string? endpoint, string failure);

    [LoggerMessage(EventId = 1601, EventName = "RedisRestored", Level = LogLevel.Information,
        Message = "Redis at {Endpoint} is back")]
    public static partial void RedisRestored(this ILogger logger, string? endpoint);

    [LoggerMessage(EventId = 1622, EventName = "PresenceNodeDown", Level = LogLevel.Warning,
        Message = "Presence node {Node} stopped renewing its lease: its {Count} connections leave")]
    public static partial void PresenceNodeDown(this ILogger logger, string node, int count);
}
