namespace ChatApp.Web.Circuits;

/// <summary>
/// Per circuit (scoped): who is on it, once the circuit has opened. Components use it to track themselves in
/// room topics under the same connection id as the site topic.
/// </summary>
public sealed class CircuitPresence
{
    public CircuitUser? User { get; internal set; }

    /// <summary>Set when an administrator locked this user while the circuit was open.</summary>
    public bool SignedOutBecauseLocked { get; internal set; }
}
