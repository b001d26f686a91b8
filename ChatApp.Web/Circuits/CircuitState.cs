namespace ChatApp.Web.Circuits;

/// <summary>
/// Per circuit (scoped): who is on it, once the circuit has opened. Components use it to track themselves in
/// room topics under the same connection id as the site topic.
/// </summary>
public sealed class CircuitState
{
    public CircuitUser? User { get; internal set; }

    /// <summary>
    /// Raised when the connection is up again after an outage. If the outage outlasted the disconnect grace, presence
    /// has dropped this tab; pages showing a room track themselves again.
    /// </summary>
    public event Action? Resumed;

    internal void OnResumed() => Resumed?.Invoke();

    /// <summary>Set once the circuit has closed: work still finishing for it must not track it again.</summary>
    internal bool IsClosed { get; set; }

    /// <summary>
    /// The account's tab limit when this tab was one too many (null otherwise): it is not tracked, has no user, and
    /// the layout shows why instead of the app, so it opens no live subscriptions either.
    /// </summary>
    public int? OverTabLimit { get; internal set; }

    /// <summary>Set when an administrator locked this user while the circuit was open.</summary>
    public bool SignedOutBecauseLocked { get; internal set; }
}
