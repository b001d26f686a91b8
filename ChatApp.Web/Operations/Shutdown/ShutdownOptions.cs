namespace ChatApp.Web.Operations.Shutdown;

/// <summary>Bound from the <c>Host</c> configuration section.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Host";

    /// <summary>
    /// How long a stop (SIGTERM) may take, end to end: tabs told, sends under way finished, presence flushed, then
    /// every service stopped (HostOptions.ShutdownTimeout). Past it the process exits anyway.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
