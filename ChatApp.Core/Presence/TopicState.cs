namespace ChatApp.Core.Presence;

/// <summary>
/// One topic: its presences (the truth), what was last published to subscribers, and its subscribers.
/// Every field in this file is guarded by <c>gate</c>, and nothing outside this file holds state under it; the
/// timers have their own lock (<see cref="TopicTimers"/>). Published state is the truth minus the changes not yet
/// flushed: <c>publishedBeforeTouch</c> holds, for each key changed since the last flush, its state at that flush.
/// That makes a flush O(changed keys) and lets a snapshot of the published version be built on demand, once, and shared.
/// Nothing calls the <see cref="TimeProvider"/> while holding <c>gate</c>: a provider may run due timer callbacks on
/// the calling thread (FakeTimeProvider does, whenever another thread has moved its clock), and <c>gate</c> is
/// reentrant, so a flush or an expiring leave would run in the middle of a change and see it half made. What a change
/// needs next (a flush, a leave to debounce) is noted under <c>gate</c> and done by <see cref="AfterChange"/>, the one
/// place that decides when the topic flushes, once <c>gate</c> is released. Lock order: README.md in this folder.
/// </summary>
internal sealed partial class TopicState
{
    private readonly Lock gate = new();
    // Held across cutting a change and handing it to subscribers, so that two flushes never hand theirs over out of
    // order. It guards no state of its own; it is taken before gate, never while holding it.
    private readonly Lock publishGate = new();
    private readonly string name;
    private readonly PresenceTracker tracker;
    private readonly TopicTimers timers;
    // A zero diff tick: every change is published before it returns.
    private readonly bool immediate;

    // The truth.
    private readonly Dictionary<string, PresenceUser> users = new(StringComparer.Ordinal);
    private int publicUserCount;
    private bool retired;

    // The published version (see the class remarks).
    private readonly Dictionary<string, PresenceUser?> publishedBeforeTouch = new(StringComparer.Ordinal);
    private long version;
    private int publishedPublicUserCount;
    private PresenceSnapshot? publishedSnapshot;
    private Subscriber[] subscribers = [];

    // What changes noted for AfterChange: a flush (wanted by the first change since the last one), leaves to debounce.
    private bool flushWanted;
    private List<PendingLeave>? leavesToSchedule;

    public TopicState(string name, PresenceTracker tracker)
    {
        this.name = name;
        this.tracker = tracker;
        timers = new TopicTimers(tracker.Time, tracker.Options, Flush, ExpireLeave);
        immediate = tracker.Options.DiffTick == TimeSpan.Zero;
    }

    public string Name => name;

    /// <summary>
    /// Track's change, under <c>gate</c> (see TopicState.Tracking.cs); false if the topic is retired. The new key's user
    /// was <paramref name="prepared"/> before the lock, for a connection neither down nor away and the choice of
    /// <paramref name="choiceEpoch"/>; it is used when both still hold (almost always), else the meta is built here.
    /// </summary>
    private bool TrackLocked(string key, string connectionId, PresenceStatus? status, PresenceUser prepared,
        long choiceEpoch, out PresenceMeta meta, out NextStep next)
    {
        next = default;
        if (retired)
        {
            meta = null!;
            return false;
        }
        var user = users.GetValueOrDefault(key);
        if (user?.FindLive(tracker.NodeId, connectionId) is { } existing)
        {
            meta = existing;
            return true;
        }
        var connection = tracker.Connections.Add(connectionId, name, key);
        meta = prepared.Metas[0];
        if (connection != default || tracker.ChoiceEpoch != choiceEpoch)
        {
            var (shown, reconnecting) = ConnectionStatus.Of(tracker.ChosenStatus(key), status, connection);
            meta = meta with { Ref = PresenceTracker.NextRef(), Status = shown, IsReconnecting = reconnecting };
            prepared = PresenceUser.Create(key, meta);
        }
        Replace(key, user, user is null or { IsLeaving: true } ? prepared : user.With(meta));
        if (tracker.Replicating)
        {
            tracker.Replicate(new MetaTracked(tracker.NodeId, name, key, meta));
        }
        next = EndChangeLocked();
        return true;
    }

    /// <summary>Untrack's change, under <c>gate</c>; false if the meta was not there.</summary>
    private bool UntrackLocked(string key, string nodeId, string connectionId, bool evict, out NextStep next)
    {
        next = default;
        if (retired || users.GetValueOrDefault(key) is not { } user || user.FindLive(nodeId, connectionId) is not { } meta)
        {
            return false;
        }
        if (nodeId == tracker.NodeId)
        {
            tracker.Connections.Remove(connectionId, name, key);
            if (tracker.Replicating)
            {
                tracker.Replicate(new MetaUntracked(nodeId, name, key, connectionId));
            }
        }
        RemoveMeta(key, user, meta, evict);
        next = EndChangeLocked();
        return true;
    }

    /// <summary>Ends a leave the debounce still holds back (the key was evicted after its last tab closed).</summary>
    public bool EndLeave(string key)
    {
        NextStep next;
        lock (gate)
        {
            if (retired || users.GetValueOrDefault(key) is not { IsLeaving: true } user)
            {
                return false;
            }
            Replace(key, user, null);
            next = EndChangeLocked();
        }
        AfterChange(next);
        return true;
    }

    /// <summary>Every key tracked or still leaving here now (not the published version).</summary>
    public string[] Keys()
    {
        lock (gate)
        {
            return [.. users.Keys];
        }
    }

    public PresenceMeta? EditConnection(string key, string connectionId, MetaEdit edit, out bool changed)
    {
        PresenceMeta edited;
        NextStep next;
        lock (gate)
        {
            changed = false;
            if (retired || users.GetValueOrDefault(key) is not { } user || user.FindLive(tracker.NodeId, connectionId) is not { } meta)
            {
                return null;
            }
            edited = Edit(key, user, meta, edit.Info, edit.Status ?? meta.Requested);
            changed = !ReferenceEquals(edited, meta);
            next = EndChangeLocked();
        }
        AfterChange(next);
        return edited;
    }

    /// <summary>The key chose a status: every local meta of it follows the choice again; returns how many changed.</summary>
    public int FollowChosenStatus(string key)
    {
        var changed = 0;
        NextStep next;
        lock (gate)
        {
            if (retired || users.GetValueOrDefault(key) is not { IsLeaving: false } user)
            {
                return 0;
            }
            foreach (var meta in user.Metas)
            {
                if (meta.NodeId == tracker.NodeId && !ReferenceEquals(Edit(key, users[key], meta, info: null, requested: null), meta))
                {
                    changed++;
                }
            }
            next = EndChangeLocked();
        }
        AfterChange(next);
        return changed;
    }

    private PresenceMeta Edit(string key, PresenceUser user, PresenceMeta meta, PresenceInfo? info, PresenceStatus? requested)
    {
        var (status, reconnecting) = ConnectionStatus.Of(tracker.ChosenStatus(key), requested, tracker.Connections.StateOf(meta.ConnectionId));
        var updated = new PresenceMeta(
            PresenceTracker.NextRef(), meta.Ref, meta.ConnectionId, meta.NodeId, meta.JoinedAt, status, reconnecting,
            info?.DisplayName ?? meta.DisplayName, info is null ? meta.AvatarColor : info.AvatarColor)
        {
            Requested = requested,
        };
        if (updated.HasSameContentAs(meta))
        {
            return meta;
        }
        Replace(key, user, user.Replacing(meta, updated));
        if (tracker.Replicating)
        {
            tracker.Replicate(new MetaTracked(tracker.NodeId, name, key, updated));
        }
        return updated;
    }

    private void RemoveMeta(string key, PresenceUser user, PresenceMeta meta, bool evict = false)
    {
        // The key as last published: what changed since was never shown to anyone.
        var published = publishedBeforeTouch.Count > 0 && publishedBeforeTouch.TryGetValue(key, out var before) ? before : user;
        var debounce = !evict && tracker.Options.LeaveDebounce > TimeSpan.Zero;
        if (user.Metas.Length > 1)
        {
            var remaining = user.Without(meta);
            if (!debounce && remaining.HeldPublic is not null)
            {
                remaining = remaining.WithoutHeld();
            }
            else if (debounce && remaining.IsHiddenFromOthers && published?.Public is { } shown)
            {
                // The last visible meta went and only invisible ones are left: for everyone else the key left, so it
                // is held back as it was last shown, like a key whose last meta went (a reload shows nothing).
                remaining = remaining.Holding(shown);
                (leavesToSchedule ??= []).Add(new PendingLeave(key, shown));
            }
            Replace(key, user, remaining);
            return;
        }
        if (!debounce || published is null)
        {
            // Evicted, no debounce, or nothing was ever shown (the key came and went within one tick): nothing to hold back.
            Replace(key, user, null);
            return;
        }
        // The key stays published exactly as it was last shown until the debounce runs out or the key comes back.
        // Changes not shown yet go with it: a connection that dropped just before its circuit closed (Blazor reports
        // both in a row) never shows as reconnecting, and a reload shows nothing at all.
        var leaving = published.AsLeaving();
        Replace(key, user, leaving);
        (leavesToSchedule ??= []).Add(new PendingLeave(key, leaving));
    }

    private void ExpireLeave(PendingLeave leave)
    {
        NextStep next;
        lock (gate)
        {
            // A key that came back (and maybe left again since, with its own deadline) is not this leave any more.
            var user = users.GetValueOrDefault(leave.Key);
            if (retired || user is null)
            {
                return;
            }
            if (user.IsLeaving && ReferenceEquals(user, leave.Shown))
            {
                Replace(leave.Key, user, null);
            }
            else if (ReferenceEquals(user.HeldPublic, leave.Shown))
            {
                // The last visible meta's leave ran out: others see the key go (all of it, if its other tabs closed meanwhile).
                Replace(leave.Key, user, user.IsLeaving ? null : user.WithoutHeld());
            }
            else
            {
                return;
            }
            next = EndChangeLocked();
        }
        AfterChange(next);
    }

    /// <summary>The only place the truth changes. Called under <c>gate</c>; it only notes the timer work it needs.</summary>
    private void Replace(string key, PresenceUser? before, PresenceUser? after)
    {
        NoteChangeLocked(before, after);
        publicUserCount += (after?.Public is null ? 0 : 1) - (before?.Public is null ? 0 : 1);
        if (after is null)
        {
            users.Remove(key);
        }
        else
        {
            users[key] = after;
        }
        if (immediate && subscribers.Length == 0 && publishedBeforeTouch.Count == 0)
        {
            // Immediate mode and nobody subscribed: there is no change to hand over, so this one is published as it
            // is made (what a flush would do now, without noting the key and cutting it again).
            if (!PresenceUser.SameState(before, after))
            {
                MarkPublishedLocked();
            }
            return;
        }
        if (publishedBeforeTouch.TryAdd(key, before) && publishedBeforeTouch.Count == 1)
        {
            // The first change since the last flush: AfterChange flushes it or paces it once the lock is released.
            flushWanted = true;
        }
    }
}
