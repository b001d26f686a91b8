using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ChatApp.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatApp.Tests.Integration;

/// <summary>The whole app in memory, on a SQLite file of its own that is deleted afterwards.</summary>
public sealed class ChatAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Adm1n!pass";

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"chatapp-it-{Guid.NewGuid():N}.db");

    /// <summary>Everything the app logged, for a failing test to show.</summary>
    public LogCollector Logs { get; } = new();

    /// <summary>More configuration, applied over the defaults above; set before the first client.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("Admin:DisplayName", "Head Admin");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
