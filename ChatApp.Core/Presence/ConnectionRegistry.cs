using System.Collections.Concurrent;

namespace ChatApp.Core.Presence;

/// <summary>
/// This node's connections: where each is tracked, whether it is down (its outage epoch) and its tab's activity (idle,
/// hidden). Concurrent: each connection has its own lock, so tracking and untracking different connections never wait
/// for each other (a global lock here made two threads slower than one, even on different topics). A connection's
/// lock is the innermost lock of the engine: nothing is called while holding it (see README.md in this folder).
/// An entry lives while the connection is tracked somewhere or its tab reports activity, and no longer.
/// </summary>
internal sealed class ConnectionRegistry
{
    // Many stripes: two connections rarely share one, so adding and removing entries does not contend either.
    private readonly ConcurrentDictionary<string, Connection> connections = new(concurrencyLevel: 64, capacity: 31, StringComparer.Ordinal);
    private long lastDownEpoch;

    public readonly record struct Membership(string Topic, string Key);

    public readonly record struct KeyConnection(string Topic, string ConnectionId);

    /// <summary>What a connection's metas show, besides their status: whether it is down, and whether its tab is idle or hidden.</summary>
    public readonly record struct State(bool IsDown, bool IsAway);

    /// <summary>Records a membership; returns the connection's state (a new meta of a connection that is down starts as reconnecting).</summary>
    public State Add(string connectionId, string topic, string key)
    {
        while (true)
        {
            var connection = connections.GetOrAdd(connectionId, static _ => new Connection());
            lock (connection)
            {
                if (connection.Removed)
                {
                    continue;
                }
                connection.Memberships.Add(new Membership(topic, key));
                return connection.State;
            }
        }
    }

    public void Remove(string connectionId, string topic, string key)
    {
        if (!connections.TryGetValue(connectionId, out var connection))
        {
            return;
        }
        lock (connection)
        {
            connection.Memberships.Remove(new Membership(topic, key));
            if (connection.Memberships.Count == 0)
            {
                // Nothing left to reconnect: the outage is forgotten with the last membership.
                connection.DownEpoch = 0;
                RemoveIfUnused(connectionId, connection);
            }
        }
    }

    public Membership[] MembershipsOf(string connectionId)
    {
        if (!connections.TryGetValue(connectionId, out var connection))
        {
            return [];
        }
        lock (connection)
        {
            return connection.Memberships.ToArray();
        }
    }

    /// <summary>
    /// Where the key's connections are tracked right now, in the topics the filter accepts. A scan of every
    /// connection: it serves rare administrative evictions, so tracking pays nothing for an index.
    /// </summary>
    public KeyConnection[] ConnectionsOfKey(string key, Func<string, bool> inTopic)
    {
        var found = new List<KeyConnection>();
        foreach (var (connectionId, connection) in connections)
        {
            Membership[] memberships;
            lock (connection)
            {
                memberships = connection.Memberships.ToArray();
            }
            foreach (var membership in memberships)
            {
                if (membership.Key == key && inTopic(membership.Topic))
                {
                    found.Add(new KeyConnection(membership.Topic, connectionId));
                }
            }
        }
        return [.. found];
    }

    public State StateOf(string connectionId)
    {
        if (!connections.TryGetValue(connectionId, out var connection))
        {
            return default;
        }
        lock (connection)
        {
            return connection.State;
        }
    }

    /// <summary>Marks a tracked connection down. Returns the epoch that identifies this outage, or 0 if nothing changed.</summary>
    public long MarkDown(string connectionId)
    {
        if (!connections.TryGetValue(connectionId, out var connection))
        {
            return 0;
        }
        lock (connection)
        {
            if (connection.Removed || connection.Memberships.Count == 0 || connection.DownEpoch != 0)
            {
                return 0;
            }
            connection.DownEpoch = Interlocked.Increment(ref lastDownEpoch);
            return connection.DownEpoch;
        }
    }

    /// <summary>Marks a connection up; returns false if it was not down.</summary>
    public bool MarkUp(string connectionId)
    {
        if (!connections.TryGetValue(connectionId, out var connection))
        {
            return false;
        }
        lock (connection)
        {
            if (connection.DownEpoch == 0)
            {
                return false;
            }
            connection.DownEpoch = 0;
            return true;
        }
    }

    public bool IsStillDown(string connectionId, long epoch)
    {
        if (!connections.TryGetValue(connectionId, out var connection))
        {
            return false;
        }
        lock (connection)
        {
            return connection.DownEpoch == epoch;
        }
    }

    /// <summary>Gives the connection its tab's activity; false if it already has one.</summary>
    public bool TryAttach(string connectionId, TabActivity activity)
    {
        while (true)
        {
            var connection = connections.GetOrAdd(connectionId, static _ => new Connection());
            lock (connection)
            {
                if (connection.Removed)
                {
                    continue;
                }
                if (connection.Activity is not null)
                {
                    return false;
                }
                connection.Activity = activity;
                return true;
            }
        }
    }

    /// <summary>Takes the tab's activity away (the tab closed); returns it, or null if it had none.</summary>
    public TabActivity? Detach(string connectionId)
    {
        if (!connections.TryGetValue(connectionId, out var connection))
        {
            return null;
        }
        lock (connection)
        {
            var activity = connection.Activity;
            connection.Activity = null;
            RemoveIfUnused(connectionId, connection);
            return activity;
        }
    }

    public TabActivity? ActivityOf(string connectionId) =>
        connections.TryGetValue(connectionId, out var connection) ? Volatile.Read(ref connection.Activity) : null;

    public TabActivity[] Activities() =>
        [.. connections.Values.Select(c => Volatile.Read(ref c.Activity)).OfType<TabActivity>()];

    public int Count => connections.Count;

    /// <summary>Called holding the connection's lock.</summary>
    private void RemoveIfUnused(string connectionId, Connection connection)
    {
        if (connection.Memberships.Count == 0 && connection.Activity is null)
        {
            // Marked first: a thread that found the entry just before it went retries with a new one.
            connection.Removed = true;
            connections.TryRemove(new KeyValuePair<string, Connection>(connectionId, connection));
        }
    }

    /// <summary>Guarded by its own monitor (a private object, never exposed).</summary>
    private sealed class Connection
    {
        public Memberships Memberships;
        public long DownEpoch;
        public TabActivity? Activity;
        public bool Removed;

        public State State => new(DownEpoch != 0, Activity is { IsAway: true });
    }
}
