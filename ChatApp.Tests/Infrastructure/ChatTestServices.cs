using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.People;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Core.Typing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Infrastructure;

/// <summary>
/// The Core services on a migrated database of their own (a SQLite file unless the test asks for PostgreSQL), with a
/// fake clock. Registered into any service collection (a plain one for Core tests, bUnit's for component tests).
/// </summary>
public sealed class ChatTestServices(TestDatabase? database = null) : IAsyncDisposable
{
    private readonly TestDatabase database = database ?? TestDatabase.Sqlite();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    public ChatOptions Options { get; } = new();
    public TypingOptions Typing { get; } = new();

    /// <summary>Immediate diffs, so a test sees a change as soon as it is made.</summary>
    public PresenceOptions Presence { get; } = new() { DiffTick = TimeSpan.Zero, NodeId = "test-node" };
    public ChatDatabase Database => database.Database;

    public void AddTo(IServiceCollection services)
    {
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddChatData(_ => Database);
        services.AddChatIdentityCore();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Typing));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Presence));
        services.AddChatCore();
        services.AddTypingCore();
        services.AddPeopleCore();
        services.AddAdminCore();
        services.AddPresenceCore();
        services.AddRoomPresence();
    }

    public static async Task<ServiceProvider> StartAsync(ChatTestServices chat)
    {
        var services = new ServiceCollection();
        chat.AddTo(services);
        var provider = services.BuildServiceProvider();
        await chat.InitializeAsync(provider);
        return provider;
    }

    /// <summary>Migrates and seeds, and starts the Core's hosted handlers, as the app does at start-up.</summary>
    public async Task InitializeAsync(IServiceProvider provider, AdminAccountOptions? admin = null)
    {
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<ChatSeeder>().SeedAsync(admin ?? new AdminAccountOptions());
    }

    public static async Task<ChatUser> CreateUserAsync(IServiceProvider provider, string displayName)
    {
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var user = new ChatUser
        {
            UserName = $"{displayName.ToLowerInvariant()}@example.test",
            Email = $"{displayName.ToLowerInvariant()}@example.test",
            DisplayName = displayName,
        };
        var result = await users.CreateAsync(user, "Tangerine-Kite-42");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public static async Task<Room> CreateRoomAsync(IServiceProvider provider, string slug, bool isPrivate = false, bool isArchived = false)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var room = new Room { Name = slug, Slug = slug, IsPrivate = isPrivate, IsArchived = isArchived };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room;
    }

    public static async Task AddMemberAsync(IServiceProvider provider, Room room, ChatUser user)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        db.RoomMembers.Add(new RoomMember { RoomId = room.Id, UserId = user.Id });
        await db.SaveChangesAsync();
    }

    public static async Task MakeAdminAsync(IServiceProvider provider, ChatUser user)
    {
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var result = await users.AddToRoleAsync((await users.FindByIdAsync(user.Id))!, ChatService.AdminRole);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>As an administrator's lock leaves it (reason and open-ended lockout), without going through one.</summary>
    public static async Task LockAsync(IServiceProvider provider, ChatUser user, string reason = "test lock")
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
        (stored.LockoutEnabled, stored.LockoutEnd, stored.LockReason) = (true, DateTimeOffset.MaxValue, reason);
        await db.SaveChangesAsync();
    }

    public static async Task<Room> LobbyAsync(IServiceProvider provider)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await db.Rooms.SingleAsync(r => r.Slug == Room.LobbySlug);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
