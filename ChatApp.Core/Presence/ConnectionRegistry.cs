namespace ChatApp.Core.Presence;

/// <summary>Where in the topics this node's connections are tracked, and which connections are down.</summary>
internal sealed class ConnectionRegistry
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Connection> connections = new(StringComparer.Ordinal);
    private long lastDownEpoch;

    public readonly record struct Membership(string Topic, string Key);

    public readonly record struct KeyConnection(string Topic, string ConnectionId);

    /// <summary>Records a membership; returns whether the connection is down (its new meta starts as reconnecting).</summary>
    public bool Add(string connectionId, string topic, string key)
    {
        lock (gate)
        {
            if (!connections.TryGetValue(connectionId, out var connection))
            {
                connection = new Connection();
                connections.Add(connectionId, connection);
            }
            connection.Memberships.Add(new Membership(topic, key));
            return connection.DownEpoch != 0;
        }
    }

    public void Remove(string connectionId, string topic, string key)
    {
        lock (gate)
        {
            if (!connections.TryGetValue(connectionId, out var connection))
            {
                return;
            }
            connection.Memberships.Remove(new Membership(topic, key));
            if (connection.Memberships.Count == 0)
            {
                // Nothing left to reconnect: forgetting the down state too frees the entry.
                connections.Remove(connectionId);
            }
        }
    }

    public Membership[] MembershipsOf(string connectionId)
    {
        lock (gate)
        {
            return connections.TryGetValue(connectionId, out var connection) ? [.. connection.Memberships] : [];
        }
    }

    /// <summary>
    /// Where the key's connections are tracked right now, in the topics the filter accepts. A scan of every
    /// connection: it serves rare administrative evictions, so tracking pays nothing for an index.
    /// </summary>
    public KeyConnection[] ConnectionsOfKey(string key, Func<string, bool> inTopic)
    {
        lock (gate)
        {
            var found = new List<KeyConnection>();
            foreach (var (connectionId, connection) in connections)
            {
                foreach (var membership in connection.Memberships)
                {
                    if (membership.Key == key && inTopic(membership.Topic))
                    {
                        found.Add(new KeyConnection(membership.Topic, connectionId));
                    }
                }
            }
            return [.. found];
        }
    }

    /// <summary>Marks a known connection down. Returns the epoch that identifies this outage, or 0 if nothing changed.</summary>
    public long MarkDown(string connectionId)
    {
        lock (gate)
        {
            if (!connections.TryGetValue(connectionId, out var connection) || connection.DownEpoch != 0)
            {
                return 0;
            }
            connection.DownEpoch = ++lastDownEpoch;
            return connection.DownEpoch;
        }
    }

    /// <summary>Marks a connection up; returns false if it was not down.</summary>
    public bool MarkUp(string connectionId)
    {
        lock (gate)
        {
            if (!connections.TryGetValue(connectionId, out var connection) || connection.DownEpoch == 0)
            {
                return false;
            }
            connection.DownEpoch = 0;
            return true;
        }
    }

    public bool IsDown(string connectionId)
    {
        lock (gate)
        {
            return connections.TryGetValue(connectionId, out var connection) && connection.DownEpoch != 0;
        }
    }

    public bool IsStillDown(string connectionId, long epoch)
    {
        lock (gate)
        {
            return connections.TryGetValue(connectionId, out var connection) && connection.DownEpoch == epoch;
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return connections.Count;
            }
        }
    }

    private sealed class Connection
    {
        public List<Membership> Memberships { get; } = new(2);
        public long DownEpoch { get; set; }
    }
}
