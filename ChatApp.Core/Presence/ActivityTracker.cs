using Microsoft.Extensions.Options;

namespace ChatApp.Core.Presence;

/// <summary>
/// Automatic away, per connection: a tab with no input for <see cref="PresenceOptions.AutoAwayAfter"/>, or a hidden
/// tab, shows as away; the next input brings it back. The user's shown status is the most present of their tabs,
/// so they are away only when every tab is. A chosen busy, away or invisible is left alone.
/// The tab's idle and hidden state live on its connection in the tracker (<see cref="TabActivity"/>), next to its
/// outage state, and the tracker computes the status from them; this class only turns reports into that state.
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

    public void Connected(string connectionId, string key)
    {
        var activity = new TabActivity(connectionId, key);
        if (!presence.Connections.TryAttach(connectionId, activity))
        {
            return;
        }
        lock (activity)
        {
            activity.IdleTimer = time.CreateTimer(
                static state =>
                {
                    var (tracker, activity) = ((ActivityTracker, TabActivity))state!;
                    tracker.BecameIdle(activity);
                },
                (this, activity), options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
        }
    }

    public void Input(string connectionId)
    {
        if (presence.Connections.ActivityOf(connectionId) is not { } activity)
        {
            return;
        }
        // Read outside the lock: a fake clock may run due timers, which take it, on this thread.
        var now = time.GetUtcNow();
        bool apply;
        lock (activity)
        {
            if (activity.Detached)
            {
                return;
            }
            if (!activity.IsAway)
            {
                if (now - activity.LastInputAt >= ReportInterval)
                {
                    activity.LastInputAt = now;
                    activity.IdleTimer?.Change(options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
                }
                return;
            }
            // Input in a tab means it is looked at.
            activity.LastInputAt = now;
            activity.IdleTimer?.Change(options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
            activity.Idle = false;
            activity.Hidden = false;
            apply = ApplySoon(activity, now);
        }
        Apply(activity, apply);
    }

    public void VisibilityChanged(string connectionId, bool hidden)
    {
        if (presence.Connections.ActivityOf(connectionId) is not { } activity)
        {
            return;
        }
        var now = time.GetUtcNow();
        bool apply;
        lock (activity)
        {
            if (activity.Detached || (hidden == activity.Hidden && (hidden || !activity.Idle)))
            {
                return;
            }
            if (!hidden)
            {
                activity.Idle = false;
                activity.LastInputAt = now;
                activity.IdleTimer?.Change(options.Value.AutoAwayAfter, Timeout.InfiniteTimeSpan);
            }
            activity.Hidden = hidden;
            apply = ApplySoon(activity, now);
        }
        Apply(activity, apply);
    }

    public void Disconnected(string connectionId)
    {
        if (presence.Connections.Detach(connectionId) is not { } activity)
        {
            return;
        }
        lock (activity)
        {
            activity.IdleTimer?.Dispose();
            activity.ApplyTimer?.Dispose();
            // A timer callback already on its way sees the tab gone, so it never touches a disposed timer.
            activity.Detached = true;
            activity.ApplyPending = false;
        }
    }

    /// <summary>
    /// The user picked a status for all their tabs. Choosing online again lets idle or hidden tabs show away, as
    /// they did before the choice (the tracker computes the status from both).
    /// </summary>
    public void ChooseStatus(string key, PresenceStatus status) => presence.SetStatus(key, status);

    public bool IsAway(string connectionId) => presence.Connections.ActivityOf(connectionId) is { IsAway: true };

    public void Dispose()
    {
        foreach (var activity in presence.Connections.Activities())
        {
            Disconnected(activity.ConnectionId);
        }
    }

    private void BecameIdle(TabActivity activity)
    {
        lock (activity)
        {
            if (activity.Detached)
            {
                return;
            }
            activity.Idle = true;
        }
        Apply(activity, apply: true);
    }

    /// <summary>
    /// Whether the tab's state may apply now (its budget allows); if not, arranges for it to apply once it does.
    /// Called under the activity's lock; the caller applies after releasing it.
    /// </summary>
    private bool ApplySoon(TabActivity activity, DateTimeOffset now)
    {
        var wait = activity.Budget.TryTake(now, ReportBurst, ReportInterval);
        if (wait == TimeSpan.Zero)
        {
            return true;
        }
        if (activity.ApplyPending)
        {
            return false;
        }
        activity.ApplyPending = true;
        activity.ApplyTimer ??= time.CreateTimer(
            static state =>
            {
                var (tracker, activity) = ((ActivityTracker, TabActivity))state!;
                tracker.ApplyPending(activity);
            },
            (this, activity), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        activity.ApplyTimer.Change(wait, Timeout.InfiniteTimeSpan);
        return false;
    }

    private void ApplyPending(TabActivity activity)
    {
        var now = time.GetUtcNow();
        bool apply;
        lock (activity)
        {
            if (activity.Detached || !activity.ApplyPending)
            {
                return;
            }
            activity.ApplyPending = false;
            apply = ApplySoon(activity, now);
        }
        Apply(activity, apply);
    }

    /// <summary>
    /// The tracker computes the tab's metas again from its latest state. Outside the activity's lock: the tracker may
    /// deliver a change on this thread (immediate mode), and concurrent applies converge since each reads the latest state.
    /// </summary>
    private void Apply(TabActivity activity, bool apply)
    {
        if (apply)
        {
            presence.RefreshConnection(activity.ConnectionId);
        }
    }
}
