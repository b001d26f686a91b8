using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatApp.Tests.Data;

public class ChatSeederTests : IAsyncLifetime
{
    private static readonly AdminAccountOptions Admin = new() { Email = "admin@example.test", Password = "Adm1n!pass", DisplayName = "Boss" };
    private readonly ChatTestServices chat;

    public ChatSeederTests() : this(TestDatabase.Sqlite)
    {
    }

    protected ChatSeederTests(Func<TestDatabase> database) => chat = new(database());

    private readonly LogCollector logs = new();
    private ServiceProvider provider = default!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        chat.AddTo(services);
        services.AddSingleton<ILoggerProvider>(logs);
        provider = services.BuildServiceProvider();
        await chat.InitializeAsync(provider, Admin);
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await chat.DisposeAsync();
    }

    [Fact]
    public async Task FirstStartCreatesThePublicLobby()
    {
        await using var db = await CreateDbAsync();
        var lobby = await db.Rooms.SingleAsync();
        Assert.Equal("lobby", lobby.Slug);
        Assert.False(lobby.IsPrivate);
    }

    [Fact]
    public async Task ConfiguredAdminGetsTheAdminRole()
    {
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var admin = await users.FindByEmailAsync(Admin.Email!);

        Assert.NotNull(admin);
        Assert.Equal("Boss", admin.DisplayName);
        Assert.True(await users.IsInRoleAsync(admin, ChatService.AdminRole));
        Assert.True(await users.CheckPasswordAsync(admin, Admin.Password!));
    }

    /// <summary>Someone registers <paramref name="email"/> before an operator configures it as the admin's, then the app restarts.</summary>
    private async Task<bool> IsAdminAfterRestartAsync(string email, string registeredPassword, AdminAccountOptions configured)
    {
        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            Assert.True((await users.CreateAsync(new ChatUser { UserName = email, Email = email, DisplayName = "Early Bird" }, registeredPassword)).Succeeded);
        }

        await chat.InitializeAsync(provider, configured);

        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            var isAdmin = await users.IsInRoleAsync(user, ChatService.AdminRole);
            // An administrator must be able to sign in even where accounts need confirming.
            Assert.Equal(isAdmin, user.EmailConfirmed);
            return isAdmin;
        }
    }

    [Fact]
    public async Task AnAccountSomeoneRegisteredWithTheAdminEmailIsNotMadeAdminWithoutTheConfiguredPassword()
    {
        var configured = new AdminAccountOptions { Email = "ops@example.test", Password = "Adm1n!pass" };

        Assert.False(await IsAdminAfterRestartAsync(configured.Email, "Squ4tter!pass", configured));
    }

    [Fact]
    public async Task AnExistingAccountIsNotMadeAdminEvenWithTheConfiguredPasswordAndTheOperatorIsToldHow()
    {
        var configured = new AdminAccountOptions { Email = "me@example.test", Password = "Tangerine-Kite-42" };

        Assert.False(await IsAdminAfterRestartAsync(configured.Email, configured.Password, configured));

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Admin:Email"));
        Assert.Contains("/admin/users", warning.Message);
        Assert.DoesNotContain("me@example.test", warning.Message);
    }

    [Fact]
    public async Task ARestartDoesNotGiveBackAnAdminRoleThatWasRevoked()
    {
        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            var admin = (await users.FindByEmailAsync(Admin.Email!))!;
            Assert.True((await users.RemoveFromRoleAsync(admin, ChatService.AdminRole)).Succeeded);
        }

        await chat.InitializeAsync(provider, Admin);

        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            Assert.False(await users.IsInRoleAsync((await users.FindByEmailAsync(Admin.Email!))!, ChatService.AdminRole));
        }
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Category == typeof(ChatSeeder).FullName);
        Assert.Contains("Admin:Email", warning.Message);
        Assert.DoesNotContain(Admin.Email!, warning.Message);
        Assert.Contains("grant", warning.Message);
    }

    /// <summary>Accounts named before look-alike folding, then the ConfusableNameKeys migration, then a start.</summary>
    private async Task<(string Id, string Key)[]> KeysAfterRestartAsync(params string[] displayNames)
    {
        var ids = new List<string>();
        foreach (var (name, i) in displayNames.Select((n, i) => (n, i)))
        {
            var user = await ChatTestServices.CreateUserAsync(provider, $"Placeholder{i}");
            await using var db = await CreateDbAsync();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, name));
            ids.Add(user.Id);
        }
        await using (var db = await CreateDbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AspNetUsers\" SET \"DisplayNameKey\" = '@' || \"Id\";");
        }
        // What the restart logs, not the first start (on a new PostgreSQL database, EF's first migration logs a
        // spurious error for the history table it then creates: npgsql/efcore.pg#3407).
        logs.Clear();

        await chat.InitializeAsync(provider, Admin);

        await using var after = await CreateDbAsync();
        var keys = await after.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayNameKey);
        return [.. ids.Select(id => (id, keys[id]))];
    }

    [Fact]
    public async Task StartUpGivesExistingAccountsLookAlikeKeys()
    {
        var keys = await KeysAfterRestartAsync("Zo\u0435", "\u00C9mile");

        Assert.Equal(["zoe", DisplayNames.Key("\u00C9mile")], keys.Select(k => k.Key));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
        await using var db = await CreateDbAsync();
        Assert.Equal(DisplayNames.Key("Boss"), await db.Users.Where(u => u.Email == Admin.Email).Select(u => u.DisplayNameKey).SingleAsync());
    }

    [Fact]
    public async Task ExistingLookAlikeNamesKeepWorkingTheImitationGivesWayAndTheLogNamesBoth()
    {
        var keys = await KeysAfterRestartAsync("\u0410dmin", "Admin");
        var (imitation, original) = (keys[0].Id, keys[1].Id);

        Assert.Equal("admin", keys[1].Key);
        Assert.Equal($"admin@{imitation}", keys[0].Key);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(imitation, warning.Message);
        Assert.Contains(original, warning.Message);
        Assert.DoesNotContain("dmin", warning.Message); // neither name, only the ids
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(imitation))!, "Tangerine-Kite-42"));
    }

    [Fact]
    public async Task InstancesStartingTogetherCreateTheConfiguredAdminOnce()
    {
        var configured = new AdminAccountOptions { Email = "boss2@example.test", Password = "Tangerine-Kite-42", DisplayName = "Boss Two" };

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ChatSeeder>().SeedAsync(configured);
        })));

        await using var db = await CreateDbAsync();
        var admin = await db.Users.SingleAsync(u => u.Email == configured.Email);
        Assert.Equal("Boss Two", admin.DisplayName);
        Assert.Equal(1, await db.UserRoles.CountAsync(r => r.UserId == admin.Id));
        Assert.Equal(1, await db.Rooms.CountAsync());
    }

    [Fact]
    public async Task SeedingAgainChangesNothing()
    {
        await using var before = await CreateDbAsync();
        var usersBefore = await before.Users.AsNoTracking().Select(u => new { u.Id, u.SecurityStamp, u.PasswordHash }).ToListAsync();

        await chat.InitializeAsync(provider, Admin);
        await chat.InitializeAsync(provider, Admin);

        await using var after = await CreateDbAsync();
        Assert.Equal(1, await after.Rooms.CountAsync());
        Assert.Equal(1, await after.Roles.CountAsync());
        Assert.Equal(1, await after.UserRoles.CountAsync());
        Assert.Equal(usersBefore, await after.Users.AsNoTracking().Select(u => new { u.Id, u.SecurityStamp, u.PasswordHash }).ToListAsync());
    }

    [Fact]
    public async Task LobbyIsNotAddedWhenRoomsExist()
    {
        await using (var db = await CreateDbAsync())
        {
            db.Rooms.RemoveRange(db.Rooms);
            db.Rooms.Add(new Room { Name = "General", Slug = "general" });
            await db.SaveChangesAsync();
        }

        await chat.InitializeAsync(provider, Admin);

        await using var check = await CreateDbAsync();
        Assert.Equal(["general"], await check.Rooms.Select(r => r.Slug).ToListAsync());
    }

    [Fact]
    public async Task DisplayNamesAreUniqueIgnoringCase()
    {
        await ChatTestServices.CreateUserAsync(provider, "Carol");
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();

        var result = await users.CreateAsync(new ChatUser { UserName = "c2@example.test", Email = "c2@example.test", DisplayName = "carol" }, "Tangerine-Kite-42");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "DuplicateDisplayName");
    }

    [Fact]
    public async Task DisplayNameCannotLookLikeAnEmail()
    {
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();

        var result = await users.CreateAsync(new ChatUser { UserName = "e@example.test", Email = "e@example.test", DisplayName = "ceo@corp.com" }, "Tangerine-Kite-42");

        Assert.Contains(result.Errors, e => e.Code == "DisplayNameAt");
    }

    [Theory]
    [InlineData("A")]
    [InlineData("   ")]
    [InlineData("This display name is far too long!")]
    public async Task DisplayNameMustBeTwoToThirtyTwoCharacters(string displayName)
    {
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();

        var result = await users.CreateAsync(new ChatUser { UserName = "d@example.test", Email = "d@example.test", DisplayName = displayName }, "Tangerine-Kite-42");

        Assert.Contains(result.Errors, e => e.Code == "DisplayNameLength");
    }

    private Task<ChatDbContext> CreateDbAsync() =>
        provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
}
