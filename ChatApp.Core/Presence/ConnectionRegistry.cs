using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ChatApp.Core.Presence;

/// <summary>
/// This node's connections: where each is tracked, whether it is down (its outage epoch) and its tab's activity (idle,
/// hidden). Sharded: a connection lives in one of many shards by its id's hash, each a plain dictionary of structs under
/// its own monitor, so tracking and untracking different connections rarely wait for each other (a global lock here
/// made two threads slower than one, even on different topics) and tracking allocates nothing here (no object per
/// connection, no node of a concurrent map). A shard's monitor is the innermost lock of the engine: nothing is called
/// while holding it (see README.md in this folder). An entry lives while the connection is tracked somewhere or its
/// tab reports activity, and no longer.
/// </summary>
internal sealed class ConnectionRegistry
{
    // A power of two, many more than cores: two busy connections rarely share a shard.
    private const int ShardCount = 64;
    private readonly Shard[] shards = CreateShards();
    private long lastDownEpoch;

    public readonly record struct Membership(string Topic, string Key);

    public readonly record struct KeyConnection(string Topic, string ConnectionId);

    /// <summary>What a connection's metas show, besides their status: whether it is down, and whether its tab is idle or hidden.</summary>
    public readonly record struct State(bool IsDown, bool IsAway);

    public int Count => shards.Sum(shard => { lock (shard) { return shard.Entries.Count; } });

    /// <summary>Records a membership; returns the connection's state (a new meta of a connection that is down starts as reconnecting).</summary>
    public State Add(string connectionId, string topic, string key)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Entries, connectionId, out _);
            entry.Memberships.Add(new Membership(topic, key));
            return entry.State;
        }
    }

    public void Remove(string connectionId, string topic, string key)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(shard.Entries, connectionId);
            if (Unsafe.IsNullRef(ref entry))
            {
                return;
            }
            entry.Memberships.Remove(new Membership(topic, key));
            if (entry.Memberships.Count == 0)
            {
                // Nothing left to reconnect: the outage is forgotten with the last membership.
                entry.DownEpoch = 0;
                RemoveIfUnused(shard, connectionId, ref entry);
            }
        }
    }

    public Membership[] MembershipsOf(string connectionId)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            return shard.Entries.TryGetValue(connectionId, out var entry) ? entry.Memberships.ToArray() : [];
        }
    }

    /// <summary>
    /// Where the key's connections are tracked right now, in the topics the filter accepts. A scan of every
    /// connection: it serves rare administrative evictions, so tracking pays nothing for an index.
    /// </summary>
    public KeyConnection[] ConnectionsOfKey(string key, Func<string, bool> inTopic)
    {
        var found = new List<KeyConnection>();
        foreach (var shard in shards)
        {
            lock (shard)
            {
                foreach (var (connectionId, entry) in shard.Entries)
                {
                    foreach (var membership in entry.Memberships.ToArray())
                    {
                        if (membership.Key == key)
                        {
                            found.Add(new KeyConnection(membership.Topic, connectionId));
                        }
                    }
                }
            }
        }
        // The filter is the caller's code: it runs with no lock held.
        return [.. found.Where(connection => inTopic(connection.Topic))];
    }

    public State StateOf(string connectionId)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            return shard.Entries.TryGetValue(connectionId, out var entry) ? entry.State : default;
        }
    }

    /// <summary>Marks a tracked connection down. Returns the epoch that identifies this outage, or 0 if nothing changed.</summary>
    public long MarkDown(string connectionId)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(shard.Entries, connectionId);
            if (Unsafe.IsNullRef(ref entry) || entry.Memberships.Count == 0 || entry.DownEpoch != 0)
            {
                return 0;
            }
            entry.DownEpoch = Interlocked.Increment(ref lastDownEpoch);
            return entry.DownEpoch;
        }
    }

    /// <summary>Marks a connection up; returns false if it was not down.</summary>
    public bool MarkUp(string connectionId)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(shard.Entries, connectionId);
            if (Unsafe.IsNullRef(ref entry) || entry.DownEpoch == 0)
            {
                return false;
            }
            entry.DownEpoch = 0;
            return true;
        }
    }

    public bool IsStillDown(string connectionId, long epoch)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            return shard.Entries.TryGetValue(connectionId, out var entry) && entry.DownEpoch == epoch;
        }
    }

    /// <summary>Gives the connection its tab's activity; false if it already has one.</summary>
    public bool TryAttach(string connectionId, TabActivity activity)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Entries, connectionId, out _);
            if (entry.Activity is not null)
            {
                return false;
            }
            entry.Activity = activity;
            return true;
        }
    }

    /// <summary>Takes the tab's activity away (the tab closed); returns it, or null if it had none.</summary>
    public TabActivity? Detach(string connectionId)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(shard.Entries, connectionId);
            if (Unsafe.IsNullRef(ref entry))
            {
                return null;
            }
            var activity = entry.Activity;
            entry.Activity = null;
            RemoveIfUnused(shard, connectionId, ref entry);
            return activity;
        }
    }

    public TabActivity? ActivityOf(string connectionId)
    {
        var shard = ShardOf(connectionId);
        lock (shard)
        {
            return shard.Entries.TryGetValue(connectionId, out var entry) ? entry.Activity : null;
        }
    }

    public TabActivity[] Activities()
    {
        var found = new List<TabActivity>();
        foreach (var shard in shards)
        {
            lock (shard)
            {
                foreach (var entry in shard.Entries.Values)
                {
                    if (entry.Activity is { } activity)
                    {
                        found.Add(activity);
                    }
                }
            }
        }
        return [.. found];
    }

    /// <summary>
    /// How many connections (tabs) are tracked somewhere here, and how many distinct keys (users) they belong to. A scan
    /// of every connection, one shard at a time: it serves the metrics scrape, so tracking pays nothing for a count.
    /// </summary>
    public (int Tabs, int Users) Census()
    {
        var tabs = 0;
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            lock (shard)
            {
                foreach (var entry in shard.Entries.Values)
                {
                    if (entry.Memberships.Count == 0)
                    {
                        continue;
                    }
                    tabs++;
                    foreach (var membership in entry.Memberships.ToArray())
                    {
                        users.Add(membership.Key);
                    }
                }
            }
        }
        return (tabs, users.Count);
    }

    private Shard ShardOf(string connectionId) => shards[connectionId.GetHashCode() & (ShardCount - 1)];

    /// <summary>Called holding the shard's monitor; the entry is gone afterwards (do not use the ref again).</summary>
    private static void RemoveIfUnused(Shard shard, string connectionId, ref Entry entry)
    {
        if (entry.Memberships.Count == 0 && entry.Activity is null)
        {
            shard.Entries.Remove(connectionId);
        }
    }

    private static Shard[] CreateShards()
    {
        var shards = new Shard[ShardCount];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = new Shard();
        }
        return shards;
    }

    /// <summary>One connection. A mutable struct kept in its shard's dictionary and changed in place, by ref.</summary>
    private struct Entry
    {
        public Memberships Memberships;
        public long DownEpoch;
        public TabActivity? Activity;

        public readonly State State => new(DownEpoch != 0, Activity is { IsAway: true });
    }

    /// <summary>
    /// Some connections, guarded by this object's monitor (a private object, never exposed). Padded so that two
    /// shards' monitors never share a cache line: threads working in different shards do not slow each other down.
    /// </summary>
    private sealed class Shard
    {
        public readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal);
#pragma warning disable IDE0051, CS0169 // Never read: it only keeps the next shard's monitor off this one's cache line.
        private readonly CacheLine padding;
#pragma warning restore IDE0051, CS0169
    }

    [InlineArray(16)]
    private struct CacheLine
    {
        private long element;
    }
}
