namespace ChatApp.Core.Presence;

/// <summary>
/// One tab's activity as its browser reports it, kept on the tab's entry in the <see cref="ConnectionRegistry"/> next
/// to its outage state, so that a meta's status is computed from one place (<see cref="ConnectionStatus"/>).
/// <see cref="ActivityTracker"/> changes it holding this object's monitor; the registry only reads
/// <see cref="IsAway"/>.
/// </summary>
internal sealed class TabActivity(string connectionId, string key)
{
    private volatile bool idle;
    private volatile bool hidden;

    public string ConnectionId { get; } = connectionId;

    public string Key { get; } = key;

    public bool Idle { get => idle; set => idle = value; }

    public bool Hidden { get => hidden; set => hidden = value; }

    /// <summary>An idle or hidden tab shows as away (unless its user chose another status).</summary>
    public bool IsAway => idle || hidden;

    /// <summary>Set when the tab closed: a timer callback already on its way does nothing.</summary>
    public bool Detached { get; set; }

    public ITimer? IdleTimer { get; set; }

    public DateTimeOffset LastInputAt { get; set; }

    /// <summary>The report throttle: <see cref="ActivityTracker.ReportBurst"/> changes at once, then one per interval.</summary>
    public ReportBudget Budget { get; } = new();

    public bool ApplyPending { get; set; }

    public ITimer? ApplyTimer { get; set; }
}
