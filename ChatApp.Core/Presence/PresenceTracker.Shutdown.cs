namespace ChatApp.Core.Presence;

public sealed partial class PresenceTracker
{
    /// <summary>
    /// Every meta of the node leaves at once, without the leave debounce: the graceful stop of this instance. Others
    /// (tabs here still connected and, through the replicator's goodbye, every other node) see the leave now instead
    /// of after LeaveDebounce, DisconnectGrace or the node's lease. The goodbye goes first: after it nothing more is
    /// replicated, so the other nodes never hold these leaves back behind their own debounce. Returns how many metas went.
    /// </summary>
    public async Task<int> LeaveAllAsync(CancellationToken cancellationToken = default)
    {
        await replicator.LeaveAsync(cancellationToken);
        var gone = 0;
        foreach (var state in topics.Values)
        {
            foreach (var key in state.Keys())
            {
                gone += UntrackKey(key, state.Name);
            }
        }
        return gone;
    }

    /// <summary>Drops a node that said goodbye: its users leave at once (see <see cref="LeaveAllAsync"/>).</summary>
    public int DropNode(string nodeId, bool evict)
    {
        var dropped = 0;
        foreach (var state in topics.Values)
        {
            dropped += state.DropNode(nodeId, evict);
        }
        return dropped;
    }
}
