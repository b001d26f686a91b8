namespace ChatApp.Web.Operations.Health;

/// <summary>Bound from the <c>Health</c> configuration section.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// How often the presence heartbeat beats (a timer on the clock the engine's own timers use, reading the site
    /// topic). Readiness fails when no beat came for three of these.
    /// </summary>
    public TimeSpan PresenceHeartbeat { get; set; } = TimeSpan.FromSeconds(5);
}
