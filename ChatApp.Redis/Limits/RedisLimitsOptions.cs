namespace ChatApp.Redis.Limits;

/// <summary>The `Backplane:Limits` section: how long a shared limit may take before this node decides alone.</summary>
public sealed class RedisLimitsOptions
{
    public const string SectionName = "Backplane:Limits";

    /// <summary>
    /// A send or a tab opening waits at most this long for Redis; slower (or down), the node's own limits apply to it.
    /// Short: a user must not wait on a sick Redis.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(250);
}
