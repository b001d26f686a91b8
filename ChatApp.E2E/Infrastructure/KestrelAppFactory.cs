using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatApp.E2E.Infrastructure;

/// <summary>The app on a real Kestrel port, with a SQLite file of its own, for a real browser to use.</summary>
public static class PresenceTiming
{
    public static readonly TimeSpan LeaveDebounce = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan DisconnectGrace = TimeSpan.FromSeconds(5);
}

public sealed class KestrelAppFactory(
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string>? settings = null,
    int port = 0) : WebApplicationFactory<Program>
{
    public static readonly Person Admin = new("admin@example.test", "Head Admin", "Adm1n!pass");

    /// <summary>What the app logged, kept for the test output (<see cref="TestRun"/>).</summary>
    public ServerLog Log { get; } = new();

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"chatapp-e2e-{Guid.NewGuid():N}.db");


    /// <summary>Starts the server; "localhost" rather than 127.0.0.1 because the passkey script needs a domain.</summary>
    public string Start()
    {
        UseKestrel(port);
        StartServer();
        var address = new UriBuilder(ClientOptions.BaseAddress) { Host = "localhost" }.Uri;
        return address.ToString().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={databasePath}");
        builder.UseSetting("Admin:Email", Admin.Email);
        builder.UseSetting("Admin:Password", Admin.Password);
        builder.UseSetting("Admin:DisplayName", Admin.DisplayName);
        // Shorter than the defaults (5 s debounce, 30 s grace) so leave tests take seconds, yet long enough
        // that a reload falls well inside the debounce.
        builder.UseSetting("Presence:LeaveDebounce", PresenceTiming.LeaveDebounce.ToString());
        builder.UseSetting("Presence:DisconnectGrace", PresenceTiming.DisconnectGrace.ToString());
        // Every browser of a run comes from this machine's one address: the per-address limits on sign-in and
        // registration would refuse the suite's own traffic (their behaviour is covered by ChatApp.Tests).
        foreach (var limit in new[] { "SignIn", "TwoFactor", "Register", "AccountEmail", "AccountPassword", "FailedSignInsPerAccount" })
        {
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "100000");
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Log);
            // Enough to follow a live event from publish to the browser; not every SQL statement and static file.
            logging.AddFilter<ServerLog>(null, LogLevel.Information);
            logging.AddFilter<ServerLog>("ChatApp", LogLevel.Debug);
            logging.AddFilter<ServerLog>("Microsoft.AspNetCore.Components.Server", LogLevel.Debug);
            logging.AddFilter<ServerLog>("Microsoft.AspNetCore.SignalR", LogLevel.Debug);
            logging.AddFilter<ServerLog>("Microsoft.AspNetCore.Http.Connections", LogLevel.Debug);
            logging.AddFilter<ServerLog>("Microsoft.EntityFrameworkCore", LogLevel.Warning);
            logging.AddFilter<ServerLog>("Microsoft.AspNetCore.StaticAssets", LogLevel.Warning);
            logging.AddFilter<ServerLog>("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        });
        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    /// <summary>A port nothing listens on right now, for settings that must name the app's address before it starts.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var free = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return free;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }
    }
}
