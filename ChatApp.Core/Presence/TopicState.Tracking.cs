namespace ChatApp.Core.Presence;

/// <summary>
/// Tracking and untracking (the state is in TopicState.cs). A new meta and its user are built before the topic's lock
/// is taken, so two threads on one topic build theirs at the same time and hold the lock only to put them in place:
/// building them under it made two threads on one topic slower than one.
/// </summary>
internal sealed partial class TopicState
{
    public bool TryTrack(string key, string connectionId, PresenceInfo info, PresenceStatus? status, out PresenceMeta meta)
    {
        // Read before taking the lock: reading the clock may run due timers (see the class remarks in TopicState.cs).
        var now = tracker.Time.GetUtcNow();
        // Built for a connection neither down nor away and the status chosen as of this epoch; TrackLocked checks both.
        var choiceEpoch = tracker.ChoiceEpoch;
        var (shown, reconnecting) = ConnectionStatus.Of(tracker.ChosenStatus(key), status, default);
        var prepared = PresenceUser.Create(key, new PresenceMeta(
            PresenceTracker.NextRef(), null, connectionId, tracker.NodeId, now, shown, reconnecting, info.DisplayName, info.AvatarColor)
        {
            Requested = status,
        });
        bool tracked;
        NextStep next;
        lock (gate)
        {
            tracked = TrackLocked(key, connectionId, status, prepared, choiceEpoch, out meta, out next);
        }
        AfterChange(next);
        return tracked;
    }

    /// <summary>
    /// Removes one connection's meta. A key's last meta leaves after the leave debounce, unless <paramref name="evict"/>:
    /// the debounce hides a tab reloading, not a user who lost access, who must leave everyone's list at once.
    /// </summary>
    public bool Untrack(string key, string nodeId, string connectionId, bool evict = false)
    {
        bool untracked;
        NextStep next;
        lock (gate)
        {
            untracked = UntrackLocked(key, nodeId, connectionId, evict, out next);
        }
        AfterChange(next);
        return untracked;
    }
}
