using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Data;

/// <summary>Where the chat's data lives: SQLite by default (one file, nothing to install), or PostgreSQL for several instances.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>A provider and its connection string; configures a context for it, with that provider's migrations.</summary>
public sealed record ChatDatabase(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>EF keeps one migrations assembly per provider: SQLite's are in Core, PostgreSQL's beside it.</summary>
    public const string PostgresMigrationsAssembly = "ChatApp.Migrations.Postgres";

    public static ChatDatabase Sqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString);

    public static ChatDatabase Postgres(string connectionString) => new(DatabaseProvider.Postgres, connectionString);

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{Provider}'.");
        }
    }
}
