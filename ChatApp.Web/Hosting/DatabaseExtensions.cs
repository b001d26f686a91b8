using ChatApp.Core.Data;
using Microsoft.Data.Sqlite;

namespace ChatApp.Web.Hosting;

public static class DatabaseExtensions
{
    /// <summary>SQLite by default, PostgreSQL when `Database:Provider` says so; migrated and seeded before the app takes requests.</summary>
    public static void AddChatDatabase(this WebApplicationBuilder builder)
    {
        // Read when first needed, not now, so that test hosts can still override the configuration.
        builder.Services.AddChatData(sp => Resolve(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath));
        builder.Services.AddDatabaseDeveloperPageExceptionFilter();
        builder.Services.AddOptions<AdminAccountOptions>().BindConfiguration(AdminAccountOptions.SectionName);
        builder.Services.AddHostedService<DatabaseInitializer>();
    }

    internal static ChatDatabase Resolve(IConfiguration configuration, string contentRoot)
    {
        var connectionString = configuration.GetConnectionString("Default") is { Length: > 0 } set
            ? set
            : throw new InvalidOperationException("The connection string 'ConnectionStrings:Default' is not set.");
        var provider = configuration["Database:Provider"] is { Length: > 0 } name
            ? Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"'Database:Provider' is '{name}': it must be Sqlite or Postgres.")
            : DatabaseProvider.Sqlite;
        return provider == DatabaseProvider.Sqlite
            ? ChatDatabase.Sqlite(ResolveDataSource(connectionString, contentRoot))
            : ChatDatabase.Postgres(connectionString);
    }

    /// <summary>A relative SQLite file lives beside the app, whatever folder it was started from.</summary>
    private static string ResolveDataSource(string connectionString, string contentRoot)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
        {
            sqlite.DataSource = Path.Combine(contentRoot, file);
        }
        return sqlite.ToString();
    }
}
