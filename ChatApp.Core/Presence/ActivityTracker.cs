using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Presence;

/// <summary>
/// Automatic away, per connection: a tab with no input for <see cref="PresenceOptions.AutoAwayAfter"/>, or a hidden
/// tab, shows as away; the next input brings it back. The user's shown status is the most present of their tabs,
/// so they are away only when every tab is. A chosen busy, away or invisible is left alone.
/// Reports come from the browser and are untrusted: a script flooding them must not make everyone else's lists
/// churn, so each tab's shown status changes at most <see cref="ReportBurst"/> times at once and then once per
/// <see cref="ReportInterval"/>; reports in between are coalesced and the latest state applies when the time comes.
/// </summary>
public sealed class ActivityTracker(PresenceTracker presence, TimeProvider time, IOptions<PresenceOptions> options) : IDisposable
{
    /// <summary>Status changes a tab may make in a row (hide, show, come back...) before they are spaced out.</summary>
    public const int ReportBurst = 5;

    /// <summary>After a burst, one status change per tab per interval; an input report moves the idle deadline at most this often.</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

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
        // Read outside the lock: a fake clock may run due timers, which take it, on this thread.
        var now = time.GetUtcNow();
        lock (activity)
        {
            if (!activity.Idle && !activity.Hidden)
            {
                if (now - activity.LastInputAt >= ReportInterval)
                {
                    activity.LastInputAt = now;
                    activity.Timer?.Change(options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
                }
                return;
            }
            // Input in a tab means it is looked at.
            activity.LastInputAt = now;
            activity.Timer?.Change(options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
            activity.Idle = false;
            activity.Hidden = false;
            ApplySoon(connectionId, activity, now);
        }
    }

    public void VisibilityChanged(string connectionId, bool hidden)
    {
        if (!connections.TryGetValue(connectionId, out var activity))
        {
            return;
        }
        var now = time.GetUtcNow();
        lock (activity)
        {
            if (hidden == activity.Hidden && (hidden || !activity.Idle))
            {
                return;
            }
            if (!hidden)
            {
                activity.Idle = false;
                activity.LastInputAt = now;
                activity.Timer?.Change(options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
            }
            activity.Hidden = hidden;
            ApplySoon(connectionId, activity, now);
        }
    }

    public void Disconnected(string connectionId)
    {
        if (connections.TryRemove(connectionId, out var activity))
        {
            lock (activity)
            {
                activity.Timer?.Dispose();
                activity.ApplyTimer?.Dispose();
                // A timer callback already on its way sees nothing left to apply, so it never touches a disposed timer.
                activity.ApplyPending = false;
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

    /// <summary>Applies the tab's state now if its budget allows, else once it does (called under the activity's lock).</summary>
    private void ApplySoon(string connectionId, ConnectionActivity activity, DateTimeOffset now)
    {
        var wait = activity.Budget.TryTake(now, ReportBurst, ReportInterval);
        if (wait == TimeSpan.Zero)
        {
            Apply(connectionId, activity);
            return;
        }
        if (activity.ApplyPending)
        {
            return;
        }
        activity.ApplyPending = true;
        activity.ApplyTimer ??= time.CreateTimer(_ => ApplyPending(connectionId), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        activity.ApplyTimer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void ApplyPending(string connectionId)
    {
        if (!connections.TryGetValue(connectionId, out var activity))
        {
            return;
        }
        var now = time.GetUtcNow();
        lock (activity)
        {
            if (!activity.ApplyPending)
            {
                return;
            }
            activity.ApplyPending = false;
            ApplySoon(connectionId, activity, now);
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
        public DateTimeOffset LastInputAt { get; set; }
        public ReportBudget Budget { get; } = new();
        public bool ApplyPending { get; set; }
        public ITimer? ApplyTimer { get; set; }
    }
}
