namespace ChatApp.Core.Chat;

/// <summary>
/// Which of two versions of one message is the later: a deleted one beats every other (deleting is final), then the
/// later edit, then the original. Edits of one message get strictly increasing times (<see cref="NextEditTime"/>), so
/// every cache and tab that keeps "the newer one" ends with the database's version, whatever order events arrive in.
/// </summary>
public static class MessageVersions
{
    public static bool IsNewerThan(this MessageView candidate, MessageView current) =>
        candidate.Deleted != current.Deleted
            ? candidate.Deleted
            : (candidate.EditedAt ?? DateTimeOffset.MinValue) > (current.EditedAt ?? DateTimeOffset.MinValue);

    /// <summary>
    /// The time to mark an edit with: now, cut to whole microseconds (what PostgreSQL keeps, so the published version
    /// equals the stored one), and always after the previous edit even when the clock did not move.
    /// </summary>
    public static DateTimeOffset NextEditTime(DateTimeOffset now, DateTimeOffset? previous)
    {
        var micro = now.AddTicks(-(now.Ticks % 10));
        return previous is { } last && micro <= last ? last.AddTicks(10 - last.Ticks % 10) : micro;
    }
}
