namespace ChatApp.Core.Presence;

/// <summary>Other nodes' metas in this topic, and this node's metas for a full sync (state: TopicState.cs).</summary>
internal sealed partial class TopicState
{
    public bool TryPutRemote(string key, PresenceMeta meta)
    {
        NextStep next;
        lock (gate)
        {
            if (retired)
            {
                return false;
            }
            var user = users.GetValueOrDefault(key);
            var updated = user?.FindLive(meta.NodeId, meta.ConnectionId) is { } existing
                ? user.Replacing(existing, meta)
                : user is null or { IsLeaving: true } ? PresenceUser.Create(key, meta) : user.With(meta);
            Replace(key, user, updated);
            next = EndChangeLocked();
        }
        AfterChange(next);
        return true;
    }

    public int DropNode(string nodeId)
    {
        var dropped = 0;
        NextStep next;
        lock (gate)
        {
            foreach (var key in users.Keys.ToArray())
            {
                foreach (var meta in users[key].Metas)
                {
                    if (meta.NodeId == nodeId && users.GetValueOrDefault(key) is { IsLeaving: false } user)
                    {
                        RemoveMeta(key, user, meta);
                        dropped++;
                    }
                }
            }
            next = EndChangeLocked();
        }
        AfterChange(next);
        return dropped;
    }

    public void AddLocalState(List<MetaTracked> into)
    {
        lock (gate)
        {
            foreach (var user in users.Values)
            {
                foreach (var meta in user.IsLeaving ? [] : user.Metas)
                {
                    if (meta.NodeId == tracker.NodeId)
                    {
                        into.Add(new MetaTracked(tracker.NodeId, name, user.Key, meta));
                    }
                }
            }
        }
    }
}
