using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ChatApp.Web.Operations.Backups;

/// <summary>What one backup wrote: the file, its size, how long the copy took and the integrity check's answer.</summary>
public sealed record BackupResult(string Path, long Bytes, TimeSpan CopyTime, TimeSpan Total);

/// <summary>
/// A consistent copy of a live SQLite database with SQLite's online backup API. The copy reads one snapshot of the
/// database: in WAL mode (the app's) a reader never blocks a writer, so sends go on while it runs. It is written
/// under a temporary name in the target folder, checked (<c>PRAGMA integrity_check</c>), switched to the DELETE
/// journal mode (so the backup is one self-contained file) and only then renamed: a file with the final name is
/// always a whole, checked backup.
/// </summary>
public static class SqliteBackup
{
    private const int Busy = 5;
    private const int Locked = 6;

    public static async Task<BackupResult> WriteAsync(string sourceConnectionString, string targetPath, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(targetPath);
        if (File.Exists(target))
        {
            throw new IOException($"{target} already exists: a backup never overwrites a file.");
        }
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder {folder} does not exist.");
        }
        var source = new SqliteConnectionStringBuilder(sourceConnectionString)
        {
            // Never create an empty database where the app's should be, and let no pooled handle keep files open.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        if (!File.Exists(Path.GetFullPath(source.DataSource)))
        {
            throw new FileNotFoundException($"There is no database at {Path.GetFullPath(source.DataSource)}.");
        }

        // Same folder as the target, so the final rename is atomic (one file system).
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        var total = Stopwatch.StartNew();
        try
        {
            var copyTime = await Task.Run(() => Copy(source.ToString(), temporary, ct), ct);
            await Task.Run(() => Check(temporary), ct);
            File.Move(temporary, target, overwrite: false);
            return new BackupResult(target, new FileInfo(target).Length, copyTime, total.Elapsed);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var leftover in new[] { temporary, temporary + "-journal", temporary + "-wal", temporary + "-shm" })
            {
                File.Delete(leftover);
            }
        }
    }

    private static TimeSpan Copy(string sourceConnectionString, string temporary, CancellationToken ct)
    {
        using var source = new SqliteConnection(sourceConnectionString);
        source.Open();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString());
        destination.Open();
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var copy = Stopwatch.StartNew();
            try
            {
                // One step copies everything under one read lock: a consistent snapshot, never a mix of two moments.
                source.BackupDatabase(destination);
                return copy.Elapsed;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is Busy or Locked && attempt < 20)
            {
                // Only while another connection recovers the WAL or checkpoints with TRUNCATE: brief, so wait and retry.
                Thread.Sleep(TimeSpan.FromMilliseconds(50 * attempt));
            }
        }
    }

    private static void Check(string temporary)
    {
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString());
        copy.Open();
        using var command = copy.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA integrity_check;";
        var answer = command.ExecuteScalar() as string;
        if (answer != "ok")
        {
            throw new InvalidDataException($"The copy failed SQLite's integrity check: {answer}");
        }
    }
}
