namespace ChatApp.Web.Operations.Status;

/// <summary>
/// One point of one instance's charts: the gauges at <paramref name="At"/>, counts over the minute (and hour) up to
/// it, and the send-latency percentiles of the interval that ended then (null: nothing was sent).
/// </summary>
public sealed record StatusPoint(
    DateTimeOffset At,
    long UsersOnline,
    long Tabs,
    long Circuits,
    long MessagesPerMinute,
    long SignInFailuresLastMinute,
    long SignInFailuresLastHour,
    long RateLimitRefusalsLastMinute,
    TimeSpan? SendLatencyP50,
    TimeSpan? SendLatencyP99);

/// <summary>One instance as the page shows it: its points (oldest first, at most an hour of them) and whether it is down.</summary>
public sealed record NodeStatus(string NodeId, bool IsDown, DateTimeOffset LastHeard, IReadOnlyList<StatusPoint> Points)
{
    public StatusPoint? Latest => Points.Count > 0 ? Points[^1] : null;
}

/// <summary>Every instance heard from in the last hour, ordered by node id; <see cref="Version"/> grows with each sample.</summary>
public sealed record StatusView(long Version, IReadOnlyList<NodeStatus> Nodes)
{
    public static StatusView Empty { get; } = new(0, []);
}
