using ChatApp.Core.Events;

namespace ChatApp.Core.Diagnostics;

/// <summary>
/// What one app instance measured over one sampling interval ending <paramref name="At"/>, published on
/// <see cref="Key"/> so that every instance's status page shows every instance. Gauges are the values at
/// <paramref name="At"/>; counts are what happened during the interval (<paramref name="Interval"/> long); the
/// latencies are the interval's send-duration percentiles, null when nothing was sent.
/// </summary>
public sealed record NodeStatusSample(
    string NodeId,
    DateTimeOffset At,
    TimeSpan Interval,
    long UsersOnline,
    long Tabs,
    long Circuits,
    long MessagesSent,
    long SignInFailures,
    long RateLimitRefusals,
    TimeSpan? SendLatencyP50,
    TimeSpan? SendLatencyP99) : ChatEvent
{
    /// <summary>The one key every instance publishes its samples on and listens to.</summary>
    public static EventKey Key { get; } = new("status");
}
