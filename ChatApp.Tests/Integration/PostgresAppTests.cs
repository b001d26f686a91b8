using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using ChatApp.Tests.Integration.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Integration;

/// <summary>The whole app with `Database:Provider` = Postgres: what an operator who sets it gets.</summary>
public sealed class PostgresAppTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.Postgres();
    private AccountTestHost host = default!;

    public Task InitializeAsync()
    {
        host = new AccountTestHost(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = database.Database.ConnectionString,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task AFreshPostgreSqlDatabaseIsMigratedAndSeededAtStartUp()
    {
        host.Client();

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        Assert.True(db.Database.IsNpgsql());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(["lobby"], await db.Rooms.Select(r => r.Slug).ToListAsync());
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var admin = await users.FindByEmailAsync(ChatAppFactory.AdminEmail);
        Assert.True(await users.IsInRoleAsync(admin!, ChatService.AdminRole));
    }

    [Fact]
    public async Task SomeoneRegistersSignsOutAndSignsInAgain()
    {
        var browser = host.Client();
        var registered = await browser.RegisterAsync("pia@example.test", "Pia Postgres", AccountTestHost.Password);
        Assert.EndsWith("/rooms", registered.RequestMessage!.RequestUri!.AbsolutePath);

        var elsewhere = host.Client("198.51.100.2");
        var signedIn = await elsewhere.SignInAsync("pia@example.test", AccountTestHost.Password);

        Assert.EndsWith("/rooms", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Pia Postgres", (await host.FindAsync("pia@example.test")).DisplayName);
    }

    [Fact]
    public async Task DisplayNamesDifferingOnlyInCaseCannotBothExist()
    {
        await host.Client().RegisterAsync("one@example.test", "Case Study", AccountTestHost.Password);

        var second = await host.Client("198.51.100.3").RegisterAsync("two@example.test", "CASE STUDY", AccountTestHost.Password);

        Assert.DoesNotContain("/rooms", second.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.False(await host.ExistsAsync("two@example.test"));
    }
}
