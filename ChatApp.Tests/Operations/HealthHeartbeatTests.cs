using ChatApp.Core.Presence;
using ChatApp.Web.Operations.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Operations;

public sealed class HealthHeartbeatTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly PresenceTracker presence;
    private readonly PresenceHeartbeat heartbeat;

    public HealthHeartbeatTests()
    {
        presence = new PresenceTracker(time, Microsoft.Extensions.Options.Options.Create(new PresenceOptions { NodeId = "node-a" }));
        heartbeat = new PresenceHeartbeat(presence, time, Microsoft.Extensions.Options.Options.Create(new HealthOptions()));
    }

    [Fact]
    public async Task ThePresenceEngineIsReadyWhileItsClockKeepsBeating()
    {
        await heartbeat.StartAsync(CancellationToken.None);
        presence.Track("site", "alice", "c1", new PresenceInfo("Alice", null));

        for (var i = 0; i < 12; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
        }
        var result = await Check();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(1, result.Data["usersOnline"]);
    }

    [Fact]
    public async Task AHeartbeatThatStopsMakesTheAppNotReadyAfterThreeMissedBeats()
    {
        await heartbeat.StartAsync(CancellationToken.None);
        // The timer stops as a starved timer queue or a topic lock held forever would stop it.
        await heartbeat.StopAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(HealthStatus.Healthy, (await Check()).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Unhealthy, (await Check()).Status);
    }

    [Fact]
    public async Task BeforeItsFirstBeatThePresenceEngineIsNotReady() =>
        Assert.Equal(HealthStatus.Unhealthy, (await Check()).Status);

    private Task<HealthCheckResult> Check() => heartbeat.CheckHealthAsync(new HealthCheckContext
    {
        Registration = new HealthCheckRegistration("presence", heartbeat, HealthStatus.Unhealthy, ["ready"]),
    });

    public void Dispose()
    {
        heartbeat.Dispose();
        presence.Dispose();
    }
}
