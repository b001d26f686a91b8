namespace ChatApp.Web.Hosting;

/// <summary>
/// Bound from the <c>Circuits</c> configuration section: how the server treats tabs at scale. The hub's keep-alive and
/// timeout are not here: the browser's script assumes them (it gives up after 30 s without a ping).
/// </summary>
public sealed class CircuitSettings
{
    public const string SectionName = "Circuits";

    /// <summary>
    /// How long a tab whose connection dropped is kept so it can resume with its state (a phone switching networks, a
    /// laptop lid): longer than presence's 30 s grace, so a resumed tab is still there after it was shown as gone.
    /// </summary>
    public TimeSpan DisconnectedRetention { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// At most this many dropped tabs are kept at once (the oldest go first); a tab beyond it reloads instead of
    /// resuming. Sized so that a network blip of a busy instance's tabs can resume, while bounding what dropped tabs
    /// hold in memory.
    /// </summary>
    public int MaxRetainedDisconnected { get; set; } = 1000;

    /// <summary>
    /// Renders sent ahead of a tab that has not acknowledged them. A tab this far behind is not rendered to until it
    /// catches up (it then gets one render of the current state), so a slow tab costs a bounded queue.
    /// </summary>
    public int MaxUnacknowledgedRenderBatches { get; set; } = 10;

    /// <summary>How long a call into a tab's browser may take: the app's calls are tiny, so longer means the tab is gone.</summary>
    public TimeSpan JSInteropTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
