using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

/// <summary>
/// The presence rules written as plainly as possible: dictionaries, no locks, no timers, time as a number.
/// Tests drive it and the real tracker with the same operations and compare what each viewer would see.
/// </summary>
internal sealed class PresenceModel(TimeSpan debounce, TimeSpan grace)
{
    private readonly Dictionary<(string Topic, string Key, string Connection), Meta> live = [];
    private readonly Dictionary<(string Topic, string Key), (string Connection, Meta Meta, TimeSpan Until)> leaving = [];
    // A key's last visible meta, still shown to others after it went while the key has only invisible ones left.
    private readonly Dictionary<(string Topic, string Key), (string Connection, Meta Meta, TimeSpan Until)> held = [];
    private readonly Dictionary<string, PresenceStatus> chosen = [];
    private readonly Dictionary<string, TimeSpan> downSince = [];

    public readonly record struct Meta(PresenceStatus Status, bool Reconnecting);

    public TimeSpan Now { get; private set; }

    public void Track(string topic, string key, string connection, PresenceStatus? status)
    {
        if (live.ContainsKey((topic, key, connection)))
        {
            return;
        }
        if (leaving.Remove((topic, key)))
        {
            held.Remove((topic, key));
        }
        live[(topic, key, connection)] = new Meta(Effective(key, status), downSince.ContainsKey(connection));
        DropHeldWhereVisible();
    }

    public void Untrack(string topic, string key, string connection)
    {
        if (!live.Remove((topic, key, connection), out var meta))
        {
            return;
        }
        var remaining = live.Where(m => m.Key.Topic == topic && m.Key.Key == key).Select(m => m.Value).ToList();
        if (debounce > TimeSpan.Zero && remaining.Count == 0)
        {
            leaving[(topic, key)] = (connection, meta, Now + debounce);
        }
        else if (debounce > TimeSpan.Zero && meta.Status != PresenceStatus.Invisible
            && remaining.All(m => m.Status == PresenceStatus.Invisible) && !held.ContainsKey((topic, key)))
        {
            held[(topic, key)] = (connection, meta, Now + debounce);
        }
        if (!live.Keys.Any(m => m.Connection == connection))
        {
            downSince.Remove(connection);
        }
    }

    public void UntrackConnection(string connection)
    {
        foreach (var (topic, key, _) in live.Keys.Where(m => m.Connection == connection).ToList())
        {
            Untrack(topic, key, connection);
        }
    }

    public void Update(string topic, string key, string connection, PresenceStatus status)
    {
        if (live.TryGetValue((topic, key, connection), out var meta))
        {
            live[(topic, key, connection)] = meta with { Status = Effective(key, status) };
        }
        DropHeldWhereVisible();
    }

    public void SetStatus(string key, PresenceStatus status)
    {
        if (status == PresenceStatus.Online)
        {
            chosen.Remove(key);
        }
        else
        {
            chosen[key] = status;
        }
        foreach (var id in live.Keys.Where(m => m.Key == key).ToList())
        {
            live[id] = live[id] with { Status = status };
        }
        DropHeldWhereVisible();
    }

    public void SetConnectionStatus(string connection, PresenceStatus status)
    {
        foreach (var id in live.Keys.Where(m => m.Connection == connection).ToList())
        {
            live[id] = live[id] with { Status = Effective(id.Key, status) };
        }
        DropHeldWhereVisible();
    }

    public void ConnectionDown(string connection)
    {
        if (downSince.ContainsKey(connection) || !live.Keys.Any(m => m.Connection == connection))
        {
            return;
        }
        downSince[connection] = Now;
        SetReconnecting(connection, true);
        if (grace == TimeSpan.Zero)
        {
            UntrackConnection(connection);
        }
    }

    public void ConnectionUp(string connection)
    {
        if (downSince.Remove(connection))
        {
            SetReconnecting(connection, false);
        }
    }

    public void Advance(TimeSpan by)
    {
        var target = Now + by;
        while (NextDeadline() is { } due && due <= target)
        {
            Now = due;
            foreach (var connection in downSince.Where(d => d.Value + grace == due).Select(d => d.Key).ToList())
            {
                UntrackConnection(connection);
            }
            foreach (var id in leaving.Where(l => l.Value.Until == due).Select(l => l.Key).ToList())
            {
                leaving.Remove(id);
            }
            foreach (var id in held.Where(l => l.Value.Until == due).Select(l => l.Key).ToList())
            {
                // Others see the key go; if its other tabs closed meanwhile, it goes for the key itself too.
                held.Remove(id);
                leaving.Remove(id);
            }
        }
        Now = target;
    }

    /// <summary>What the viewer sees: key -> its metas as "connection status reconnecting", sorted.</summary>
    public SortedDictionary<string, string> View(string topic, string viewer)
    {
        var metas = live.Where(m => m.Key.Topic == topic).Select(m => (m.Key.Key, m.Key.Connection, m.Value))
            .Concat(leaving.Where(l => l.Key.Topic == topic).Select(l => (l.Key.Key, l.Value.Connection, l.Value.Meta)));
        var heldBack = held.Where(l => l.Key.Topic == topic && l.Key.Key != viewer).Select(l => (l.Key.Key, l.Value.Connection, l.Value.Meta));
        return Describe(metas.Where(m => m.Key == viewer || m.Item3.Status != PresenceStatus.Invisible).Concat(heldBack));
    }

    public static SortedDictionary<string, string> View(PresenceView view) =>
        Describe(view.Users.SelectMany(u => u.Metas.Select(m => (u.Key, m.ConnectionId, new Meta(m.Status, m.IsReconnecting)))));

    private static SortedDictionary<string, string> Describe(IEnumerable<(string Key, string Connection, Meta Meta)> metas) =>
        new(metas.GroupBy(m => m.Key).ToDictionary(
            g => g.Key,
            g => string.Join(", ", g.Select(m => $"{m.Connection} {m.Meta.Status}{(m.Meta.Reconnecting ? " reconnecting" : "")}").Order())));

    private TimeSpan? NextDeadline()
    {
        var deadlines = leaving.Values.Concat(held.Values).Select(l => l.Until);
        if (grace > TimeSpan.Zero && grace != Timeout.InfiniteTimeSpan)
        {
            deadlines = deadlines.Concat(downSince.Values.Select(since => since + grace));
        }
        return deadlines.Any() ? deadlines.Min() : null;
    }

    private void DropHeldWhereVisible()
    {
        foreach (var id in held.Keys.Where(h => live.Any(m => m.Key.Topic == h.Topic && m.Key.Key == h.Key && m.Value.Status != PresenceStatus.Invisible)).ToList())
        {
            held.Remove(id);
        }
    }

    private PresenceStatus Effective(string key, PresenceStatus? requested)
    {
        var choice = chosen.GetValueOrDefault(key, PresenceStatus.Online);
        return choice == PresenceStatus.Invisible ? choice : requested ?? choice;
    }

    private void SetReconnecting(string connection, bool reconnecting)
    {
        foreach (var id in live.Keys.Where(m => m.Connection == connection).ToList())
        {
            live[id] = live[id] with { Reconnecting = reconnecting };
        }
    }
}
