using ChatApp.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatApp.Tests.Infrastructure;

/// <summary>
/// A test's own database: a SQLite file (the default), or a fresh database on the PostgreSQL server named by
/// <c>CHATAPP_TEST_POSTGRES</c> (see <see cref="TestServers"/>). Dropped again when the test ends.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
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
        private readonly string server = TestServers.Postgres;
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
}
