using ChatApp.Core.Data;
using Microsoft.Data.Sqlite;

namespace ChatApp.Web.Hosting;

public static class DatabaseExtensions
{
    /// <summary>SQLite by default; migrated and seeded before the app takes requests.</summary>
    public static void AddChatDatabase(this WebApplicationBuilder builder)
    {
        // Read when first needed, not now, so that test hosts can still override the configuration.
        builder.Services.AddChatData(sp => ResolveDataSource(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Default")
                ?? throw new InvalidOperationException("The connection string 'ConnectionStrings:Default' is not set."),
            sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath));
        builder.Services.AddDatabaseDeveloperPageExceptionFilter();
        builder.Services.AddOptions<AdminAccountOptions>().BindConfiguration(AdminAccountOptions.SectionName);
        builder.Services.AddHostedService<DatabaseInitializer>();
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
