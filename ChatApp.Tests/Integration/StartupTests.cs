using System.Net;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Integration;

public sealed class StartupTests : IAsyncLifetime
{
    private readonly ChatAppFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task AnonymousVisitToARoomIsSentToSignIn()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/rooms/lobby");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?", response.Headers.Location!.OriginalString);
        Assert.Contains("ReturnUrl=%2Frooms%2Flobby", response.Headers.Location.OriginalString);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/rooms")]
    public async Task EveryAppPageNeedsASignedInUser(string path)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignInPageCarriesItsTestHooks()
    {
        var html = await factory.CreateClient().GetStringAsync("/Account/Login");

        Assert.Contains("data-testid=\"login-email\"", html);
        Assert.Contains("data-testid=\"login-password\"", html);
        Assert.Contains("data-testid=\"login-submit\"", html);
    }

    [Fact]
    public async Task FreshDatabaseIsMigratedAndSeededAtStartUp()
    {
        Assert.False(File.Exists(factory.DatabasePath));
        factory.CreateClient();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        Assert.True(File.Exists(factory.DatabasePath));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(["lobby"], await db.Rooms.Select(r => r.Slug).ToListAsync());
        var journalMode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
        Assert.Equal("wal", journalMode.Single());
    }

    [Fact]
    public async Task ConfiguredAdminIsSeededWithTheAdminRole()
    {
        factory.CreateClient();

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var admin = await users.FindByEmailAsync(ChatAppFactory.AdminEmail);
        Assert.NotNull(admin);
        Assert.Equal("Head Admin", admin.DisplayName);
        Assert.True(await users.IsInRoleAsync(admin, ChatService.AdminRole));
    }
}
