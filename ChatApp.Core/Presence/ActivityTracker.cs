using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Presence;

/// <summary>
/// Automatic away, per connection: a tab with no input for <see cref="PresenceOptions.AutoAwayAfter"/>, or a hidden
/// tab, shows as away; the next input brings it back. The user's shown status is the most present of their tabs,
/// so they are away only when every tab is. A chosen busy, away or invisible is left alone.
/// </summary>
public sealed class ActivityTracker(PresenceTracker presence, TimeProvider time, IOptions<PresenceOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, ConnectionActivity> connections = new(StringComparer.Ordinal);

    public void Connected(string connectionId, string key)
    {
        var activity = new ConnectionActivity(key);
        if (!connections.TryAdd(connectionId, activity))
        {
            return;
        }
        activity.Timer = time.CreateTimer(_ => BecameIdle(connectionId), null, options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
    }

    public void Input(string connectionId)
    {
        if (!connections.TryGetValue(connectionId, out var activity))
        {
            return;
        }
        lock (activity)
        {
            activity.Timer?.Change(options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
            if (!activity.Idle && !activity.Hidden)
            {
                return;
            }
            // Input in a tab means it is looked at.
            activity.Idle = false;
            activity.Hidden = false;
            Apply(connectionId, activity);
        }
    }

    public void VisibilityChanged(string connectionId, bool hidden)
    {
        if (!connections.TryGetValue(connectionId, out var activity))
        {
            return;
        }
        lock (activity)
        {
            if (!hidden)
            {
                activity.Idle = false;
                activity.Timer?.Change(options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
            }
            activity.Hidden = hidden;
            Apply(connectionId, activity);
        }
    }

    public void Disconnected(string connectionId)
    {
        if (connections.TryRemove(connectionId, out var activity))
        {
            lock (activity)
            {
                activity.Timer?.Dispose();
            }
        }
    }

    /// <summary>
    /// The user picked a status for all their tabs. Choosing online again lets idle or hidden tabs show away, as
    /// they did before the choice.
    /// </summary>
    public void ChooseStatus(string key, PresenceStatus status)
    {
        presence.SetStatus(key, status);
        foreach (var (connectionId, activity) in connections)
        {
            if (activity.Key == key)
            {
                lock (activity)
                {
                    Apply(connectionId, activity);
                }
            }
        }
    }

    /// <summary>
    /// The connection was tracked again (back after a long outage, or into another topic): show the idle or hidden
    /// state the tab already had, not online.
    /// </summary>
    public void Refresh(string connectionId)
    {
        if (connections.TryGetValue(connectionId, out var activity))
        {
            lock (activity)
            {
                Apply(connectionId, activity);
            }
        }
    }

    public bool IsAway(string connectionId) =>
        connections.TryGetValue(connectionId, out var activity) && (activity.Idle || activity.Hidden);

    public void Dispose()
    {
        foreach (var connectionId in connections.Keys)
        {
            Disconnected(connectionId);
        }
    }

    private void BecameIdle(string connectionId)
    {
        if (!connections.TryGetValue(connectionId, out var activity))
        {
            return;
        }
        lock (activity)
        {
            activity.Idle = true;
            Apply(connectionId, activity);
        }
    }

    private void Apply(string connectionId, ConnectionActivity activity)
    {
        var chosen = presence.ChosenStatus(activity.Key);
        var status = chosen == PresenceStatus.Online && (activity.Idle || activity.Hidden) ? PresenceStatus.Away : chosen;
        presence.SetConnectionStatus(connectionId, status);
    }

    private sealed class ConnectionActivity(string key)
    {
        public string Key { get; } = key;
        public bool Idle { get; set; }
        public bool Hidden { get; set; }
        public ITimer? Timer { get; set; }
    }
}
