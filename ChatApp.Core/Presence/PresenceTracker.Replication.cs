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
