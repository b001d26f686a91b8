namespace ChatApp.Core.Diagnostics;

/// <summary>
/// Event ids of the operational log lines added for issue 13, in one place so that nobody reuses a number. The older
/// ranges stay where they are and keep their numbers: 1100-1501 <c>LiveEventIds</c>, 1600-1631 the Redis backplane,
/// 1700 read marks, 2001-2008 account forms. The full list, with what an operator does about each, is in
/// docs/operations.md. A number is never reused for another meaning: alerts are written against them.
/// </summary>
public static class LogEvents
{
    // 1800-1819: accounts and tabs.
    public const int AccountLocked = 1800;
    public const int AccountUnlocked = 1801;
    public const int AccountLockedOut = 1802;
    public const int TabLimitReached = 1810;
    public const int TabOverLimitEnded = 1811;

    // 1820-1839: rooms.
    public const int RoomDeleted = 1820;

    // 1840-1859: the app's own life.
    public const int GracefulStop = 1840;

    // 1900-1919: backups.
    public const int BackupWritten = 1900;
    public const int BackupFailed = 1901;
    public const int BackupRemoved = 1902;
    public const int BackupsOff = 1903;
    public const int BackupsScheduled = 1904;
}
