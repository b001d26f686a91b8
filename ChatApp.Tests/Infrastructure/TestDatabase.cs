using System.Diagnostics;
using System.Text.RegularExpressions;
using ChatApp.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatApp.Tests.Infrastructure;

/// <summary>
/// A test's own database: a SQLite file (the default), or a fresh database on the PostgreSQL server named by
/// <c>CHATAPP_TEST_POSTGRES</c> (`.ci/run` starts one with `tools/test-servers.sh`; unset, the tests start that
/// script's server themselves). Dropped again when the test ends.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "CHATAPP_TEST_POSTGRES";

    public abstract ChatDatabase Database { get; }

    public static TestDatabase Sqlite() => new SqliteFile();

    public static TestDatabase Postgres() => new PostgresDatabase();

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteFile : TestDatabase
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), $"chatapp-test-{Guid.NewGuid():N}.db");

        public override ChatDatabase Database => ChatDatabase.Sqlite($"Data Source={path}");

        public override ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresDatabase : TestDatabase
    {
        private readonly string server = PostgresServer.Value;
        private readonly string name = $"chatapp_test_{Guid.NewGuid():N}";
        private ChatDatabase? database;

        // Created here rather than by the first migration: EF logs an error for the missing database before it
        // creates it, and tests assert that start-up logs none.
        public override ChatDatabase Database => database ??= Create();

        private ChatDatabase Create()
        {
            using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
            {
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                create.ExecuteNonQuery();
            }
            return ChatDatabase.Postgres(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        }

        public override async ValueTask DisposeAsync()
        {
            if (database is null)
            {
                return;
            }
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    // Once per test run: the configured server, or the private one tools/test-servers.sh starts (and leaves running
    // for the next run). Fails, never skips: a test that needs PostgreSQL and has none has shown nothing.
    private static readonly Lazy<string> PostgresServer = new(() =>
    {
        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } set)
        {
            return set;
        }
        var script = FindScript("tools/test-servers.sh");
        var start = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = start.StandardOutput.ReadToEnd();
        var errors = start.StandardError.ReadToEnd();
        start.WaitForExit();
        var export = Regex.Match(output, $@"{PostgresVariable}='([^']+)'");
        return start.ExitCode == 0 && export.Success
            ? export.Groups[1].Value
            : throw new InvalidOperationException(
                $"This test runs on PostgreSQL: set {PostgresVariable} to a server's connection string, or install PostgreSQL " +
                $"for `bash {script} start` (it said: {errors.Trim()})");
    });

    private static string FindScript(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, relative)))
            {
                return Path.Combine(folder.FullName, relative);
            }
        }
        throw new InvalidOperationException($"{relative} not found above {AppContext.BaseDirectory}.");
    }
}
