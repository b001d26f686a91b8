namespace ChatApp.Core.Presence;

public sealed partial class PresenceTracker
{
    public void ApplyRemote(PresenceReplicationMessage message)
    {
        if (message.NodeId == NodeId)
        {
            return;
        }
        switch (message)
        {
            case MetaTracked tracked:
                while (true)
                {
                    var state = topics.GetOrAdd(tracked.Topic, static (name, tracker) => new TopicState(name, tracker), this);
                    if (state.TryPutRemote(tracked.Key, tracked.Meta))
                    {
                        break;
                    }
                    Forget(state);
                }
                break;
            case MetaUntracked untracked:
                Untrack(untracked.Topic, untracked.Key, untracked.NodeId, untracked.ConnectionId);
                break;
            case StatusChosen chosen:
                SetStatus(chosen.Key, chosen.Status, publish: false);
                break;
        }
    }

    public int ReplaceNode(string nodeId, IReadOnlyCollection<MetaTracked> metas)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentNullException.ThrowIfNull(metas);
        if (nodeId == NodeId)
        {
            return 0;
        }
        var byTopic = new Dictionary<string, List<MetaTracked>>(StringComparer.Ordinal);
        foreach (var tracked in metas)
        {
            if (tracked.Meta.NodeId != nodeId)
            {
                throw new ArgumentException($"A meta of node {tracked.Meta.NodeId} in a snapshot of node {nodeId}.", nameof(metas));
            }
            (byTopic.TryGetValue(tracked.Topic, out var list) ? list : byTopic[tracked.Topic] = []).Add(tracked);
        }
        var changed = 0;
        // Topics here that the snapshot does not name lose that node's metas; the others get exactly the snapshot's.
        foreach (var state in topics.Values)
        {
            if (!byTopic.ContainsKey(state.Name) && state.TryReplaceNode(nodeId, [], out var gone))
            {
                changed += gone;
            }
        }
        foreach (var (topic, list) in byTopic)
        {
            while (true)
            {
                var state = topics.GetOrAdd(topic, static (name, tracker) => new TopicState(name, tracker), this);
                if (state.TryReplaceNode(nodeId, list, out var replaced))
                {
                    changed += replaced;
                    break;
                }
                Forget(state);
            }
        }
        return changed;
    }

    public int DropNode(string nodeId)
    {
        var dropped = 0;
        foreach (var state in topics.Values)
        {
            dropped += state.DropNode(nodeId);
        }
        return dropped;
    }

    public IReadOnlyList<MetaTracked> LocalState()
    {
        var metas = new List<MetaTracked>();
        foreach (var state in topics.Values)
        {
            state.AddLocalState(metas);
        }
        return metas;
    }
}
