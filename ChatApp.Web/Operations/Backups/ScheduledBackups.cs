using System.Globalization;
using ChatApp.Core.Data;
using ChatApp.Web.Hosting;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Operations.Backups;

/// <summary>
/// Writes <c>chatapp-YYYYMMDD-HHMMSS.db</c> (UTC) into <see cref="BackupOptions.Directory"/> every
/// <see cref="BackupOptions.Every"/> and keeps the newest <see cref="BackupOptions.Keep"/>. The next backup is due
/// <c>Every</c> after the newest one in the folder, so restarts neither skip nor repeat one; a failed one is tried
/// again after <c>min(Every, 15 min)</c>. Off with an empty folder, and in PostgreSQL mode (pg_dump's job).
/// </summary>
public sealed class ScheduledBackups(
    IConfiguration configuration,
    IWebHostEnvironment environment,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<ScheduledBackups> logger) : BackgroundService
{
    private const string Prefix = "chatapp-";
    private const string Stamp = "yyyyMMdd-HHmmss";
    private const string Extension = ".db";
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(15);

    /// <summary>The folder backups go to, or null when they are off.</summary>
    public string? Folder => options.Value.Directory is { Length: > 0 } folder
        ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, folder))
        : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (Folder is not { } folder)
        {
            return;
        }
        var database = DatabaseExtensions.Resolve(configuration, environment.ContentRootPath);
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            logger.BackupsOff(folder);
            return;
        }
        Directory.CreateDirectory(folder);
        logger.BackupsScheduled(folder, settings.Every, settings.Keep);

        DateTimeOffset? retryAt = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Measured from the newest file every time, so a test or an operator that moves time or files is followed.
            var due = Newest(folder) is { } newest ? newest + settings.Every : time.GetUtcNow();
            if (retryAt > due)
            {
                due = retryAt.Value;
            }
            if (due - time.GetUtcNow() is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            var name = Path.Combine(folder, Prefix + time.GetUtcNow().ToString(Stamp, CultureInfo.InvariantCulture) + Extension);
            try
            {
                var result = await SqliteBackup.WriteAsync(database.ConnectionString, name, stoppingToken);
                logger.BackupWritten(result.Path, result.Bytes, (long)result.CopyTime.TotalMilliseconds);
                retryAt = null;
                RemoveOld(folder, settings.Keep);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                retryAt = time.GetUtcNow() + (settings.Every < LongestRetry ? settings.Every : LongestRetry);
                logger.BackupFailed(ex, name, retryAt.Value);
            }
        }
    }

    private static IEnumerable<(string Path, DateTimeOffset Taken)> Backups(string folder) =>
        Directory.EnumerateFiles(folder, Prefix + "*" + Extension)
            .Select(path => (path, Name: Path.GetFileNameWithoutExtension(path)[Prefix.Length..]))
            .Where(f => DateTime.TryParseExact(f.Name, Stamp, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out _))
            .Select(f => (f.path, new DateTimeOffset(DateTime.ParseExact(f.Name, Stamp, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero)))
            .OrderBy(f => f.Item2);

    private static DateTimeOffset? Newest(string folder) =>
        Backups(folder).Select(b => (DateTimeOffset?)b.Taken).LastOrDefault();

    private void RemoveOld(string folder, int keep)
    {
        var all = Backups(folder).ToList();
        foreach (var old in all.Take(Math.Max(0, all.Count - keep)))
        {
            try
            {
                File.Delete(old.Path);
                logger.BackupRemoved(old.Path, keep);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.BackupFailed(ex, old.Path, time.GetUtcNow());
            }
        }
    }
}
