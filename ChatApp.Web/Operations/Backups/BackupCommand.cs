using ChatApp.Core.Data;
using ChatApp.Web.Hosting;

namespace ChatApp.Web.Operations.Backups;

/// <summary>
/// <c>dotnet ChatApp.Web.dll backup --to /var/backups/chatapp.db</c>: one online backup of the SQLite database, taken
/// while the app runs, with the app's own configuration (appsettings, environment variables, the other command-line
/// arguments), so it finds the database the app uses. Exit code 0 = written and checked; anything else says why.
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    /// <summary>Runs the command when the first argument is <c>backup</c> and says so; otherwise the app starts.</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }
        Environment.ExitCode = await RunAsync(args[1..], Console.Out, Console.Error);
        return true;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var to = Array.IndexOf(args, "--to");
        if (to < 0 || to + 1 >= args.Length || args[to + 1].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync("Usage: ChatApp.Web backup --to <file> [app settings, e.g. --ConnectionStrings:Default=...]");
            return 2;
        }
        var target = args[to + 1];
        string[] settings = [.. args[..to], .. args[(to + 2)..]];

        ChatDatabase database;
        try
        {
            // The app's own configuration sources, in the app's order: what it would connect to, this connects to.
            var builder = WebApplication.CreateBuilder(ContentRoot.Options(settings));
            database = DatabaseExtensions.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            await error.WriteLineAsync("Database:Provider is Postgres: back it up with pg_dump (see docs/operations.md).");
            return 2;
        }

        try
        {
            var result = await SqliteBackup.WriteAsync(database.ConnectionString, target, ct);
            await output.WriteLineAsync(
                $"Backup written to {result.Path}: {result.Bytes:N0} bytes, copied in {result.CopyTime.TotalMilliseconds:0} ms, " +
                $"integrity check ok, {result.Total.TotalMilliseconds:0} ms in all.");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"No backup was written: {ex.Message}");
            return 1;
        }
    }
}
