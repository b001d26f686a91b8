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
        leaving.Remove((topic, key));
        live[(topic, key, connection)] = new Meta(Effective(key, status), downSince.ContainsKey(connection));
    }

    public void Untrack(string topic, string key, string connection)
    {
        if (!live.Remove((topic, key, connection), out var meta))
        {
            return;
        }
        if (debounce > TimeSpan.Zero && !live.Keys.Any(m => m.Topic == topic && m.Key == key))
        {
            leaving[(topic, key)] = (connection, meta, Now + debounce);
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
    }

    public void SetConnectionStatus(string connection, PresenceStatus status)
    {
        foreach (var id in live.Keys.Where(m => m.Connection == connection).ToList())
        {
            live[id] = live[id] with { Status = Effective(id.Key, status) };
        }
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
        }
        Now = target;
    }

    /// <summary>What the viewer sees: key -> its metas as "connection status reconnecting", sorted.</summary>
    public SortedDictionary<string, string> View(string topic, string viewer)
    {
        var metas = live.Where(m => m.Key.Topic == topic).Select(m => (m.Key.Key, m.Key.Connection, m.Value))
            .Concat(leaving.Where(l => l.Key.Topic == topic).Select(l => (l.Key.Key, l.Value.Connection, l.Value.Meta)));
        return Describe(metas.Where(m => m.Key == viewer || m.Item3.Status != PresenceStatus.Invisible));
    }

    public static SortedDictionary<string, string> View(PresenceView view) =>
        Describe(view.Users.SelectMany(u => u.Metas.Select(m => (u.Key, m.ConnectionId, new Meta(m.Status, m.IsReconnecting)))));

    private static SortedDictionary<string, string> Describe(IEnumerable<(string Key, string Connection, Meta Meta)> metas) =>
        new(metas.GroupBy(m => m.Key).ToDictionary(
            g => g.Key,
            g => string.Join(", ", g.Select(m => $"{m.Connection} {m.Meta.Status}{(m.Meta.Reconnecting ? " reconnecting" : "")}").Order())));

    private TimeSpan? NextDeadline()
    {
        var deadlines = leaving.Values.Select(l => l.Until);
        if (grace > TimeSpan.Zero && grace != Timeout.InfiniteTimeSpan)
        {
            deadlines = deadlines.Concat(downSince.Values.Select(since => since + grace));
        }
        return deadlines.Any() ? deadlines.Min() : null;
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
