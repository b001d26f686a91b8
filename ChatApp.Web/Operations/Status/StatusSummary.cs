namespace ChatApp.Web.Operations.Status;

/// <summary>
/// The current figures of one instance, or of several added up: counts and gauges are summed (a user with tabs on
/// two instances counts on each); latencies can't be added, so several instances show the slowest one's.
/// </summary>
public sealed record StatusSummary(
    long UsersOnline,
    long Tabs,
    long Circuits,
    long MessagesPerMinute,
    TimeSpan? SendLatencyP50,
    TimeSpan? SendLatencyP99,
    long SignInFailuresLastMinute,
    long SignInFailuresLastHour,
    long RateLimitRefusalsLastMinute)
{
    public static StatusSummary Of(IEnumerable<NodeStatus> nodes)
    {
        var latest = nodes.Select(n => n.Latest).OfType<StatusPoint>().ToList();
        return new StatusSummary(
            latest.Sum(p => p.UsersOnline),
            latest.Sum(p => p.Tabs),
            latest.Sum(p => p.Circuits),
            latest.Sum(p => p.MessagesPerMinute),
            latest.Max(p => p.SendLatencyP50),
            latest.Max(p => p.SendLatencyP99),
            latest.Sum(p => p.SignInFailuresLastMinute),
            latest.Sum(p => p.SignInFailuresLastHour),
            latest.Sum(p => p.RateLimitRefusalsLastMinute));
    }
}
