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
            PutRemoteLocked(key, meta);
            next = EndChangeLocked();
        }
        AfterChange(next);
        return true;
    }

    /// <summary>
    /// Makes this topic's metas of <paramref name="nodeId"/> exactly <paramref name="metas"/> (that node's state as read
    /// from a snapshot), in one change: metas the snapshot lacks are untracked (the leave debounce applies), new ones
    /// tracked, and ones already here with the same ref left alone, so a repair shows only what really changed. False if
    /// the topic is retired.
    /// </summary>
    public bool TryReplaceNode(string nodeId, IReadOnlyList<MetaTracked> metas, out int changed)
    {
        changed = 0;
        NextStep next;
        lock (gate)
        {
            if (retired)
            {
                return false;
            }
            var wanted = new HashSet<(string Key, string ConnectionId)>();
            foreach (var tracked in metas)
            {
                wanted.Add((tracked.Key, tracked.Meta.ConnectionId));
            }
            foreach (var key in users.Keys.ToArray())
            {
                foreach (var meta in users[key].Metas)
                {
                    if (meta.NodeId == nodeId && !wanted.Contains((key, meta.ConnectionId))
                        && users.GetValueOrDefault(key) is { IsLeaving: false } user)
                    {
                        RemoveMeta(key, user, meta);
                        changed++;
                    }
                }
            }
            foreach (var tracked in metas)
            {
                changed += PutRemoteLocked(tracked.Key, tracked.Meta) ? 1 : 0;
            }
            next = EndChangeLocked();
        }
        AfterChange(next);
        return true;
    }

    /// <summary>Untracks every meta of the node here; <paramref name="evict"/> skips the leave debounce (the node said goodbye).</summary>
    public int DropNode(string nodeId, bool evict = false)
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
                        RemoveMeta(key, user, meta, evict);
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

    /// <summary>
    /// Puts a remote meta in place under <c>gate</c>; false when the same meta (same connection and ref) is already
    /// there, which a repair or a replayed message may bring again: applying it twice must show nothing.
    /// </summary>
    private bool PutRemoteLocked(string key, PresenceMeta meta)
    {
        var user = users.GetValueOrDefault(key);
        var existing = user?.FindLive(meta.NodeId, meta.ConnectionId);
        if (existing is not null && existing.Ref == meta.Ref)
        {
            return false;
        }
        var updated = existing is not null
            ? user!.Replacing(existing, meta)
            : user is null or { IsLeaving: true } ? PresenceUser.Create(key, meta) : user.With(meta);
        Replace(key, user, updated);
        return true;
    }
}
