using System.Net;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using ChatApp.Tests.Integration;
using ChatApp.Tests.Presence;
using ChatApp.Web.Operations.Shutdown;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatApp.Tests.Operations;

/// <summary>SIGTERM (StopApplication): nothing under way is lost, nobody stays as a ghost, nothing new starts.</summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private ShutdownTestHost host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task ASendUnderWayWhenTheStopComesIsSavedAndPublishedAndTheStopWaitsForIt()
    {
        var (userId, roomId) = await AdminInLobbyAsync();
        var published = new TaskCompletionSource<MessageSaved>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = host.Services.GetRequiredService<IEventBus>().Subscribe<MessageSaved>(
            EventKey.Room(roomId), saved => { published.TrySetResult(saved); return Task.CompletedTask; });
        host.Sends.Hold();
        var sending = Chat.SendAsync(userId, roomId, Guid.NewGuid(), "written just before the restart");
        await host.Sends.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = Task.Run(Lifetime.StopApplication);
        await PresenceHarness.WaitUntil(() => Shutdown.IsStopping);
        Assert.False(stopping.IsCompleted, "the stop waits for the send under way");
        host.Sends.Release();
        var result = await sending;
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.Succeeded);
        Assert.Equal(result.Value!.Seq, (await published.Task.WaitAsync(TimeSpan.FromSeconds(30))).Message.Seq);
        Assert.Equal(["written just before the restart"], await TextsInAsync(roomId));
    }

    [Fact]
    public async Task ASendAfterTheStopGetsAClearErrorAndIsNotStored()
    {
        var (userId, roomId) = await AdminInLobbyAsync();
        // Taken before the stop: a stopped test host disposes its services soon after.
        var chat = Chat;

        Lifetime.StopApplication();
        var result = await chat.SendAsync(userId, roomId, Guid.NewGuid(), "too late");

        Assert.Equal(ChatErrorKind.Unavailable, result.Error!.Kind);
        Assert.Contains("restarting", result.Error.Message);
        Assert.Empty(await TextsInAsync(roomId));
    }

    [Fact]
    public async Task WhileStoppingTheAppIsNotReadyAndRefusesNewCircuitsAndPages()
    {
        var client = host.Web.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        host.Sends.Hold();
        var (userId, roomId) = await AdminInLobbyAsync();
        var sending = Chat.SendAsync(userId, roomId, Guid.NewGuid(), "keeps the stop busy");
        await host.Sends.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopping = Task.Run(Lifetime.StopApplication);
        await PresenceHarness.WaitUntil(() => Shutdown.IsStopping);

        var ready = await client.GetAsync("/health/ready");
        var circuit = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        pageRequest.Headers.Accept.ParseAdd("text/html");
        var page = await client.SendAsync(pageRequest);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, circuit.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(RestartingResponses.RetryAfterSeconds), circuit.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("ChatApp is restarting", html);
        Assert.Contains("http-equiv=\"refresh\"", html);
        // The probe still answers: the process is alive until it exits.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        host.Sends.Release();
        await sending;
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task EveryTabHereLeavesAtOnceForTheOthersWhenTheAppStops()
    {
        var presence = host.Services.GetRequiredService<PresenceTracker>();
        presence.Track("site", "alice", "circuit-a", PresenceHarness.Info("Alice"));
        presence.Track("site", "bob", "circuit-b", PresenceHarness.Info("Bob"));
        presence.Track("room:1", "alice", "circuit-a", PresenceHarness.Info("Alice"));
        var watching = new Recorder();
        watching.Subscription = presence.Subscribe("site", "carol", watching.Handle);

        Lifetime.StopApplication();

        // The fake clock never moved: no leave debounce, disconnect grace or lease ran out.
        await PresenceHarness.WaitUntil(() => watching.EventKeys.Count == 2);
        Assert.Equal([(PresenceEventKind.Left, "alice"), (PresenceEventKind.Left, "bob")], watching.EventKeys.OrderBy(e => e.Key));
        Assert.Equal(0, presence.Count("site", "carol"));
        Assert.Equal(0, presence.Count("room:1", "carol"));
    }

    [Fact]
    public async Task AStuckSendDoesNotHoldTheStopPastHalfTheShutdownTimeout()
    {
        await host.DisposeAsync();
        host = new ShutdownTestHost(settings => settings["Host:ShutdownTimeout"] = "00:00:08");
        Assert.Equal(TimeSpan.FromSeconds(8), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        var (userId, roomId) = await AdminInLobbyAsync();
        host.Sends.Hold();
        _ = Chat.SendAsync(userId, roomId, Guid.NewGuid(), "stuck");
        await host.Sends.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = Task.Run(Lifetime.StopApplication);
        await PresenceHarness.WaitUntil(() => Shutdown.IsStopping);
        host.Time.Advance(TimeSpan.FromSeconds(3));
        await Task.Delay(100);
        Assert.False(stopping.IsCompleted, "the stop still waits for the send within its budget");
        // Half of the 8 s: past it the stop goes on without the send, and the rest of the timeout is the services'.
        host.Time.Advance(TimeSpan.FromSeconds(1.01));

        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void TheShutdownTimeoutIsTwentySecondsByDefault() =>
        Assert.Equal(TimeSpan.FromSeconds(20), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);

    private ChatService Chat => host.Services.GetRequiredService<ChatService>();

    private IHostApplicationLifetime Lifetime => host.Services.GetRequiredService<IHostApplicationLifetime>();

    private GracefulShutdown Shutdown => host.Services.GetRequiredService<GracefulShutdown>();

    private async Task<(string UserId, int RoomId)> AdminInLobbyAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var admin = await db.Users.SingleAsync(u => u.Email == ChatAppFactory.AdminEmail);
        var lobby = await db.Rooms.SingleAsync(r => r.Slug == Room.LobbySlug);
        return (admin.Id, lobby.Id);
    }

    /// <summary>The room's messages as stored, read from the file: the stopped app's services are gone.</summary>
    private async Task<List<string>> TextsInAsync(int roomId)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Text FROM Messages WHERE RoomId = $room ORDER BY Seq";
        command.Parameters.AddWithValue("$room", roomId);
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }
}
