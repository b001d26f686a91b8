namespace ChatApp.Core.Presence;

/// <summary>Where in the topics this node's connections are tracked, and which connections are down.</summary>
internal sealed class ConnectionRegistry
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Connection> connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> connectionsByKey = new(StringComparer.Ordinal);
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
            if (!connectionsByKey.TryGetValue(key, out var ofKey))
            {
                ofKey = new HashSet<string>(StringComparer.Ordinal);
                connectionsByKey.Add(key, ofKey);
            }
            ofKey.Add(connectionId);
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
            if (!connection.Memberships.Exists(m => m.Key == key) && connectionsByKey.TryGetValue(key, out var ofKey))
            {
                ofKey.Remove(connectionId);
                if (ofKey.Count == 0)
                {
                    connectionsByKey.Remove(key);
                }
            }
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

    /// <summary>Where the key's connections are tracked right now, in one topic or (null) in all of them.</summary>
    public KeyConnection[] ConnectionsOfKey(string key, string? topic)
    {
        lock (gate)
        {
            if (!connectionsByKey.TryGetValue(key, out var ofKey))
            {
                return [];
            }
            return [.. ofKey
                .SelectMany(id => connections[id].Memberships
                    .Where(m => m.Key == key && (topic is null || m.Topic == topic))
                    .Select(m => new KeyConnection(m.Topic, id)))];
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
