namespace ChatApp.Core.Presence;

/// <summary>
/// A token bucket for one tab's reports: <c>burst</c> at once, then one per interval. Not thread-safe: its owner
/// holds a lock around it.
/// </summary>
internal sealed class ReportBudget
{
    private double tokens = double.NaN;
    private DateTimeOffset refilledAt;

    /// <summary>Takes a token and returns zero, or returns how long until one is there (taking nothing).</summary>
    public TimeSpan TryTake(DateTimeOffset now, int burst, TimeSpan interval)
    {
        if (double.IsNaN(tokens))
        {
            (tokens, refilledAt) = (burst, now);
        }
        if (now > refilledAt)
        {
            tokens = Math.Min(burst, tokens + (now - refilledAt) / interval);
            refilledAt = now;
        }
        if (tokens >= 1)
        {
            tokens--;
            return TimeSpan.Zero;
        }
        return interval * (1 - tokens);
    }
}
