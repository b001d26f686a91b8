using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Operations.Health;

/// <summary>
/// The cheapest proof that the presence engine still ticks: a timer on the engine's own clock (the one its diff ticks,
/// leave debounces and disconnect graces run on) beats every <see cref="HealthOptions.PresenceHeartbeat"/> and reads
/// the site topic, which takes that topic's lock. A starved timer queue or a topic lock held forever stops the beats,
/// and readiness fails after three missed ones. Costs one O(1) count per beat.
/// </summary>
internal sealed class PresenceHeartbeat(PresenceTracker presence, TimeProvider time, IOptions<HealthOptions> options)
    : IHealthCheck, IHostedService, IDisposable
{
    private ITimer? timer;
    private long lastBeat = -1;
    private int lastUsers;

    private TimeSpan Interval => options.Value.PresenceHeartbeat;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Beat();
        timer = time.CreateTimer(static state => ((PresenceHeartbeat)state!).Beat(), this, Interval, Interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var beat = Interlocked.Read(ref lastBeat);
        if (beat < 0)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "The presence heartbeat has not started."));
        }
        var age = time.GetElapsedTime(beat);
        var data = new Dictionary<string, object>
        {
            ["lastBeatSecondsAgo"] = Math.Round(age.TotalSeconds, 1),
            ["usersOnline"] = Volatile.Read(ref lastUsers),
        };
        return Task.FromResult(age <= Interval * 3
            ? HealthCheckResult.Healthy("The presence engine is ticking.", data)
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"The presence engine has not ticked for {age.TotalSeconds:0} s.", data: data));
    }

    public void Dispose() => timer?.Dispose();

    private void Beat()
    {
        // An empty viewer sees nobody invisible: the count is only a detail, the beat is the point.
        Volatile.Write(ref lastUsers, presence.Count(RoomPresenceService.SiteTopic, ""));
        Interlocked.Exchange(ref lastBeat, time.GetTimestamp());
    }
}
