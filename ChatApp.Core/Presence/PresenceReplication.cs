namespace ChatApp.Core.Presence;

/// <summary>A change to this node's presence that other nodes should apply, or one they report.</summary>
public abstract record PresenceReplicationMessage(string NodeId);

/// <summary>A meta was tracked or replaced (same node and connection) under a topic and key.</summary>
public sealed record MetaTracked(string NodeId, string Topic, string Key, PresenceMeta Meta) : PresenceReplicationMessage(NodeId);

/// <summary>A connection's meta was untracked. The receiving node applies its own leave debounce.</summary>
public sealed record MetaUntracked(string NodeId, string Topic, string Key, string ConnectionId) : PresenceReplicationMessage(NodeId);

/// <summary>A user chose a status; every node applies it to the connections it owns.</summary>
public sealed record StatusChosen(string NodeId, string Key, PresenceStatus Status) : PresenceReplicationMessage(NodeId);

/// <summary>
/// The seam to other app instances. The tracker calls <see cref="Publish"/> for each local change, in order per
/// topic and while holding that topic's lock: an implementation must only enqueue (e.g. into a Channel) and return.
/// A Redis-backed implementation would push those to other nodes, feed what they report into the
/// <see cref="IPresenceReplicaSink"/>, renew a lease for this node and call <see cref="IPresenceReplicaSink.DropNode"/>
/// for a node whose lease ran out, so that its users disappear instead of staying as ghosts.
/// </summary>
public interface IPresenceReplicator
{
    /// <summary>Called once by the tracker when it starts.</summary>
    void Attach(IPresenceReplicaSink sink);

    void Publish(PresenceReplicationMessage message);

    /// <summary>
    /// The node is stopping: tell the others it leaves, so they drop its users at once; nothing is published after it.
    /// The single-instance default has no one to tell.
    /// </summary>
    Task LeaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What a replicator may do to the local tracker.</summary>
public interface IPresenceReplicaSink
{
    string NodeId { get; }

    /// <summary>Applies a change reported by another node. Messages from this node are ignored.</summary>
    void ApplyRemote(PresenceReplicationMessage message);

    /// <summary>
    /// Makes a node's metas here exactly <paramref name="metas"/> (its state as read back from a snapshot, after a
    /// lost message, a restart of that node or a reconnect): what the snapshot lacks is untracked (the leave debounce
    /// applies), what is new is tracked, what is already here with the same ref is left alone. So a repair shows no
    /// leave and join for anyone who was there all along. Returns how many metas changed.
    /// </summary>
    int ReplaceNode(string nodeId, IReadOnlyCollection<MetaTracked> metas);

    /// <summary>The status the key chose, as this node knows it (Online if none).</summary>
    PresenceStatus ChosenStatus(string key);

    /// <summary>Untracks every meta of a node at once (its lease ran out); the leave debounce still applies.</summary>
    int DropNode(string nodeId);

    /// <summary>Untracks every meta of a node that said goodbye: its users leave at once, without the debounce.</summary>
    int DropNode(string nodeId, bool evict) => DropNode(nodeId);

    /// <summary>Every meta this node owns, as messages, for a full sync to a node that just joined.</summary>
    IReadOnlyList<MetaTracked> LocalState();
}

/// <summary>The single-instance default: nothing is published and nothing arrives.</summary>
public sealed class NullPresenceReplicator : IPresenceReplicator
{
    public static NullPresenceReplicator Instance { get; } = new();

    public void Attach(IPresenceReplicaSink sink)
    {
    }

    public void Publish(PresenceReplicationMessage message)
    {
    }
}
