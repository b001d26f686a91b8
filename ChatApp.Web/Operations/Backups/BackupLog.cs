using ChatApp.Core.Diagnostics;

namespace ChatApp.Web.Operations.Backups;

/// <summary>What the scheduled backups tell an operator (event ids 1900-1904, listed in docs/operations.md).</summary>
internal static partial class BackupLog
{
    [LoggerMessage(EventId = LogEvents.BackupWritten, EventName = nameof(LogEvents.BackupWritten), Level = LogLevel.Information,
        Message = "Backup written to {BackupPath}: {Bytes} bytes, copied in {CopyMilliseconds} ms, integrity check ok")]
    public static partial void BackupWritten(this ILogger logger, string backupPath, long bytes, long copyMilliseconds);

    [LoggerMessage(EventId = LogEvents.BackupFailed, EventName = nameof(LogEvents.BackupFailed), Level = LogLevel.Error,
        Message = "Backup {BackupPath} failed; the next try is at {RetryAt:u}")]
    public static partial void BackupFailed(this ILogger logger, Exception exception, string backupPath, DateTimeOffset retryAt);

    [LoggerMessage(EventId = LogEvents.BackupRemoved, EventName = nameof(LogEvents.BackupRemoved), Level = LogLevel.Information,
        Message = "Old backup {BackupPath} deleted: Backup:Keep is {Keep}")]
    public static partial void BackupRemoved(this ILogger logger, string backupPath, int keep);

    [LoggerMessage(EventId = LogEvents.BackupsOff, EventName = nameof(LogEvents.BackupsOff), Level = LogLevel.Warning,
        Message = "Backup:Directory is {BackupFolder} but the database is PostgreSQL: no scheduled backups; back it up with pg_dump (docs/operations.md)")]
    public static partial void BackupsOff(this ILogger logger, string backupFolder);

    [LoggerMessage(EventId = LogEvents.BackupsScheduled, EventName = nameof(LogEvents.BackupsScheduled), Level = LogLevel.Information,
        Message = "Backups go to {BackupFolder} every {Every}, the newest {Keep} kept")]
    public static partial void BackupsScheduled(this ILogger logger, string backupFolder, TimeSpan every, int keep);
}
