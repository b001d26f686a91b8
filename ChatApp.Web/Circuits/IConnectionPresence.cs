namespace ChatApp.Web.Circuits;

/// <summary>What the circuit lifecycle tells presence. One connection is one circuit, i.e. one browser tab.</summary>
public interface IConnectionPresence
{
    /// <summary>Tracks a new circuit; false when the account may not be present (gone or locked).</summary>
    Task<bool> OpenedAsync(CircuitUser user);
    void Up(CircuitUser user);
    void Down(string connectionId);
    void Closed(string connectionId);
}
