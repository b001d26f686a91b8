using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.People;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Core.Typing;
using ChatApp.Web.Circuits;
using ChatApp.Web.Presence;
using ChatApp.Web.Rooms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace ChatApp.Benchmarks.FanOut;

/// <summary>
/// The app's Core services and the per-circuit services a room page needs, on a SQLite file of its own and the real
/// clock, with the default settings (presence diff tick 50 ms, 50 messages a page).
/// </summary>
internal sealed class FanOutWorld : IAsyncDisposable
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"chatapp-fanout-{Guid.NewGuid():N}.db");

    private FanOutWorld(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; private set; }

    public ChatService Chat => Services.GetRequiredService<ChatService>();

    public static async Task<FanOutWorld> StartAsync()
    {
        var world = new FanOutWorld(null!);
        var services = new ServiceCollection();
        // Warnings only, to nowhere but the console: the app's debug logging is off in production too.
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddChatData(_ => ChatDatabase.Sqlite($"Data Source={world.databasePath}"));
        services.AddChatIdentityCore();
        services.AddOptions<ChatOptions>();
        services.AddOptions<TypingOptions>();
        services.AddOptions<PresenceOptions>().Configure(o => o.NodeId = "fan-out");
        services.AddChatCore();
        services.AddTypingCore();
        services.AddPeopleCore();
        services.AddAdminCore();
        services.AddPresenceCore();
        services.AddRoomPresence();
        services.AddMudServices();
        services.AddScoped<CircuitState>();
        services.AddScoped<CircuitNavigation>();
        services.AddScoped<SitePresence>();
        services.AddScoped<WatchList>();
        // The room page's unread badges, as the app registers them (ChatExtensions.AddChat).
        services.AddScoped<VisibleRooms>();
        services.AddScoped<UnreadBadges>();
        services.AddScoped<NavigationManager, HarnessNavigation>();
        services.AddScoped<IJSRuntime>(_ => new HarnessBrowser("Europe/Berlin"));
        world.Services = services.BuildServiceProvider();

        foreach (var hosted in world.Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        await using var scope = world.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<ChatSeeder>().SeedAsync(new AdminAccountOptions());
        return world;
    }

    public async Task<ChatUser> CreateUserAsync(string displayName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var user = new ChatUser
        {
            UserName = $"{displayName.ToLowerInvariant().Replace(' ', '-')}@example.test",
            Email = $"{displayName.ToLowerInvariant().Replace(' ', '-')}@example.test",
            DisplayName = displayName,
        };
        var result = await users.CreateAsync(user, "Tangerine-Kite-42");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        return user;
    }

    /// <summary>A circuit's services with its user on it, and the user online on the site as the circuit handler does.</summary>
    public AsyncServiceScope OpenCircuit(ChatUser user, string connectionId)
    {
        var scope = Services.CreateAsyncScope();
        var circuit = scope.ServiceProvider.GetRequiredService<CircuitState>();
        // Set by the circuit handler in the app (an internal setter).
        typeof(CircuitState).GetProperty(nameof(CircuitState.User))!.SetValue(circuit, new CircuitUser(connectionId, user.Id, user.DisplayName));
        Services.GetRequiredService<PresenceTracker>().Track(RoomPresenceService.SiteTopic, user.Id, connectionId, new PresenceInfo(user.DisplayName));
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
