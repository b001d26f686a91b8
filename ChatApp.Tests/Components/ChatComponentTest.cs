using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Circuits;
using ChatApp.Web.Presence;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ChatApp.Tests.Components;

/// <summary>
/// Base for component tests: MudBlazor and the real chat services on a database of the test's own,
/// signed in as Alice (Bob is there to talk to her).
/// </summary>
public abstract class ChatComponentTest : BunitContext, IAsyncLifetime
{
    protected ChatTestServices Chat { get; } = new();
    protected ChatUser Alice { get; private set; } = default!;
    protected ChatUser Bob { get; private set; } = default!;
    protected Room Lobby { get; private set; } = default!;

    /// <summary>Alice's access to the lobby, for the parts of a room that take one (presence, typing, online list).</summary>
    protected RoomAccess AliceInLobby { get; private set; } = default!;

    protected ChatService ChatService => Services.GetRequiredService<ChatService>();
    protected InProcessEventBus Events => Services.GetRequiredService<InProcessEventBus>();

    private readonly BunitAuthorizationContext authorization;

    protected ChatComponentTest()
    {
        // Live updates arrive on other threads; give a busy two-core CI machine time to deliver them.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        authorization = AddAuthorization();
        Services.AddMudServices();
        Chat.AddTo(Services);
        Services.AddScoped<CircuitState>();
        Services.AddScoped<CircuitNavigation>();
        Services.AddScoped<SitePresence>();
        Services.AddScoped<WatchList>();
        // A room view keeps its tab's unread badges quiet for the room it reads.
        Services.AddScoped<ChatApp.Web.Rooms.VisibleRooms>();
        Services.AddScoped<ChatApp.Web.Rooms.UnreadBadges>();
        // Every tab's layout listens for the app's graceful stop.
        Services.AddSingleton<ChatApp.Web.Operations.Shutdown.GracefulShutdown>();
    }

    public async Task InitializeAsync()
    {
        await Chat.InitializeAsync(Services);
        Alice = await ChatTestServices.CreateUserAsync(Services, "Alice");
        Bob = await ChatTestServices.CreateUserAsync(Services, "Bob");
        Lobby = await ChatTestServices.LobbyAsync(Services);
        AliceInLobby = await AccessAsync(Alice.Id, Lobby.Id);
        SignInAs(Alice);
    }

    protected PresenceTracker Presence => Services.GetRequiredService<PresenceTracker>();

    /// <summary>An access to the room as the user, kept open by the test.</summary>
    protected Task<RoomAccess> AccessAsync(string userId, int roomId) => ChatService.OpenAsync(userId, roomId);

    /// <summary>
    /// The real database behind a factory the test can hold at a chosen call ("the person moved on while it loaded");
    /// call it from the constructor, before anything renders.
    /// </summary>
    protected PausingDbContextFactory UsePausingDatabase()
    {
        var database = new PausingDbContextFactory();
        Services.AddSingleton<IDbContextFactory<ChatDbContext>>(sp =>
            database.Using(sp.GetRequiredService<DbContextOptions<ChatDbContext>>()));
        return database;
    }

    /// <summary>This test's circuit, as the circuit handler would have set it up.</summary>
    protected string ConnectionId { get; } = "circuit-under-test";

    protected void SignInAs(ChatUser user)
    {
        Services.GetRequiredService<CircuitState>().User = new CircuitUser(ConnectionId, user.Id, user.DisplayName);
        authorization.SetAuthorized(user.UserName!);
        authorization.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, user.Id),
            new Claim(ChatClaimsPrincipalFactory.DisplayNameClaim, user.DisplayName));
    }

    /// <summary>A visitor who is not signed in (no circuit user).</summary>
    protected void SignOut()
    {
        Services.GetRequiredService<CircuitState>().User = null;
        authorization.SetNotAuthorized();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Chat.DisposeAsync();
    }
}
