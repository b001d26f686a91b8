namespace ChatApp.Web.Operations.Backups;

/// <summary>Scheduled backups of the SQLite database (`Backup:*`); an empty <see cref="Directory"/> turns them off.</summary>
public sealed record BackupOptions
{
    public const string SectionName = "Backup";

    /// <summary>Folder the backups are written to (relative = beside the app); empty = no scheduled backups.</summary>
    public string Directory { get; init; } = "";

    /// <summary>Time between two backups; the first is due this long after the newest backup already in the folder.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How many backups are kept; older ones are deleted after a new one is written.</summary>
    public int Keep { get; init; } = 7;
}
