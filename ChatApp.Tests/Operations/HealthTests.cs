using System.Net;
using System.Text.Json;
using ChatApp.Core.Data;
using ChatApp.Tests.Integration;
using ChatApp.Tests.Integration.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Operations;

/// <summary>The probes a load balancer and an operator read: who gets what, and what makes the app not ready.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private const string Loopback = "127.0.0.1";
    private readonly ChatAppFactory app = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> web = default!;

    public Task InitializeAsync()
    {
        web = app.In("Production");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task AStrangerGetsOnlyTheStatusWordNeverCached(string path)
    {
        var response = await web.Client().GetFromAsync(path, SecurityTestHost.Stranger);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        // The app's own security headers are on it like on every response.
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task ACallerOnTheMachineGetsEveryCheckWithoutTheConnectionString()
    {
        var response = await web.Client().GetFromAsync("/health/ready", Loopback);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = Checks(body);
        Assert.Equal(["database", "lifetime", "migrations", "presence"], checks.Keys.Order());
        Assert.All(checks.Values, status => Assert.Equal("Healthy", status));
        Assert.DoesNotContain("Data Source", body);
        Assert.DoesNotContain(app.DatabasePath, body);
    }

    [Fact]
    public async Task ASignedInAdministratorFromAfarGetsTheDetails()
    {
        var client = web.Client();
        var signIn = await client.SignInAsync(SecurityTestHost.Stranger);
        var cookie = signIn.SetCookie(".AspNetCore.Identity.Application")!.Split(';')[0];

        var response = await client.GetFromAsync("/health/ready", SecurityTestHost.Stranger, ("Cookie", cookie));

        Assert.Contains("database", Checks(await response.Content.ReadAsStringAsync()).Keys);
    }

    [Fact]
    public async Task ADatabaseGoneMakesTheAppNotReadyButStillLive()
    {
        await AssertReady(true);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(app.DatabasePath + suffix);
        }
        // Not a database any more (a disk swapped, a file overwritten).
        await File.WriteAllTextAsync(app.DatabasePath, "this is not a database, it is just text long enough to look like a page header");

        var ready = await web.Client().GetFromAsync("/health/ready", Loopback);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", Checks(await ready.Content.ReadAsStringAsync())["database"]);
        Assert.Equal(HttpStatusCode.OK, (await web.Client().GetFromAsync("/health/live", SecurityTestHost.Stranger)).StatusCode);
        Assert.Equal("Unhealthy", await (await web.Client().GetFromAsync("/health/ready", SecurityTestHost.Stranger)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMigrationNotAppliedMakesTheAppNotReady()
    {
        await AssertReady(true);
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var last = db.Database.GetMigrations().Last();
            // As if this build were newer than the database: its last migration is not recorded as applied.
            await db.Database.ExecuteSqlAsync($"DELETE FROM __EFMigrationsHistory WHERE MigrationId = {last}");
        }

        var ready = await web.Client().GetFromAsync("/health/ready", Loopback);
        var checks = Checks(await ready.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", checks["migrations"]);
        Assert.Equal("Healthy", checks["database"]);
    }

    [Fact]
    public async Task RedisConfiguredButDownMakesTheAppNotReady()
    {
        // Nothing listens on port 1: the app starts (it retries in the background) but is not ready.
        app.Settings["Backplane:Redis"] = "127.0.0.1:1,abortConnect=false,connectTimeout=500";

        var ready = await web.Client().GetFromAsync("/health/ready", Loopback);
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", Checks(body)["redis"]);
        Assert.Equal("Healthy", Checks(body)["database"]);
        Assert.DoesNotContain("abortConnect", body);
    }

    private async Task AssertReady(bool ready)
    {
        var response = await web.Client().GetFromAsync("/health/ready", Loopback);
        Assert.Equal(ready ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    /// <summary>Each check's status from an operator's answer.</summary>
    internal static Dictionary<string, string> Checks(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("checks").EnumerateObject()
            .ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString()!);
    }
}
