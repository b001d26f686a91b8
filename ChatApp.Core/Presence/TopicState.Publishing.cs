namespace ChatApp.Core.Presence;

/// <summary>
/// Flushing changes to subscribers, snapshots of the published version, and freeing an empty topic (the state and
/// locks are in TopicState.cs).
/// </summary>
internal sealed partial class TopicState
{
    public PresenceSnapshot Published()
    {
        if (Volatile.Read(ref publishedSnapshot) is { } cached)
        {
            return cached;
        }
        lock (gate)
        {
            return PublishedLocked();
        }
    }

    public PresenceUser? PublishedUser(string key)
    {
        lock (gate)
        {
            return publishedBeforeTouch.TryGetValue(key, out var before) ? before : users.GetValueOrDefault(key);
        }
    }

    public int PublishedCount(string viewerKey)
    {
        lock (gate)
        {
            var viewer = publishedBeforeTouch.TryGetValue(viewerKey, out var before) ? before : users.GetValueOrDefault(viewerKey);
            return PresenceUser.CountSeenBy(viewer, publishedPublicUserCount);
        }
    }

    /// <summary>
    /// Adds a subscriber starting from <paramref name="initial"/>, the published version. The subscriber keeps only
    /// that version, not the snapshot, so the caller decides how long the snapshot lives.
    /// </summary>
    public Subscriber? TrySubscribe(string viewerKey, Func<PresenceChange, Task> onChange, out PresenceView initial)
    {
        lock (gate)
        {
            if (retired)
            {
                initial = default;
                return null;
            }
            // The snapshot is of the published version and the next flush carries everything after it, so a
            // subscriber racing with changes misses nothing and sees nothing twice.
            var snapshot = PublishedLocked();
            initial = snapshot.For(viewerKey);
            var subscriber = new Subscriber(
                tracker, this, viewerKey, onChange, snapshot.Version, snapshot.Users.GetValueOrDefault(viewerKey), tracker.Logger);
            subscribers = [.. subscribers, subscriber];
            return subscriber;
        }
    }

    public void Unsubscribe(Subscriber subscriber)
    {
        lock (gate)
        {
            subscribers = Array.FindAll(subscribers, s => !ReferenceEquals(s, subscriber));
        }
        TryRetire();
    }

    /// <summary>Publishes what changed since the last flush (the paced tick ran out, or a change after a quiet spell).</summary>
    public void Flush()
    {
        lock (gate)
        {
            // Nobody to hand a change to, so nothing to keep in order: cut it here and skip the publish lock.
            if (subscribers.Length == 0)
            {
                CutLocked(buildChange: false);
                if (users.Count > 0 || retired)
                {
                    return;
                }
            }
        }
        Publish();
    }

    public void Dispose()
    {
        lock (gate)
        {
            retired = true;
        }
        timers.Dispose();
    }

    /// <summary>
    /// Cuts the changes since the last flush and hands them to the subscribers, in order (under the publish lock);
    /// retires the topic when it is left with nothing.
    /// </summary>
    private void Publish()
    {
        Subscriber? deliverHere = null;
        var retire = false;
        lock (publishGate)
        {
            TopicChange? change;
            Subscriber[] recipients;
            lock (gate)
            {
                recipients = subscribers;
                change = CutLocked(buildChange: recipients.Length > 0);
                retire = TryRetireLocked();
            }
            if (change is not null)
            {
                var started = FanOutStarted();
                var handedOver = 0;
                foreach (var subscriber in recipients)
                {
                    var idle = subscriber.Offer(change, out var accepted);
                    handedOver += accepted ? 1 : 0;
                    if (!idle)
                    {
                        continue;
                    }
                    // In immediate mode the changing thread delivers to one idle subscriber itself, after the others
                    // are on their way and every lock is released: the change-to-callback time loses a thread hop.
                    if (deliverHere is null && immediate)
                    {
                        deliverHere = subscriber;
                    }
                    else
                    {
                        subscriber.DeliverOnPool();
                    }
                }
                RecordFanOut(started, handedOver);
            }
        }
        if (retire)
        {
            Retired();
        }
        deliverHere?.DeliverHere();
    }

    private TopicChange? CutLocked(bool buildChange)
    {
        if (publishedBeforeTouch.Count == 0)
        {
            return null;
        }
        List<KeyChange>? changes = null;
        var keysChanged = 0;
        foreach (var (key, before) in publishedBeforeTouch)
        {
            var after = users.GetValueOrDefault(key);
            if (PresenceUser.SameState(before, after))
            {
                continue;
            }
            keysChanged++;
            if (buildChange)
            {
                (changes ??= []).Add(new KeyChange(key, before, after));
            }
        }
        publishedBeforeTouch.Clear();
        CoalescedLocked(keysChanged);
        if (keysChanged == 0)
        {
            return null;
        }
        MarkPublishedLocked();
        return changes is null ? null : new TopicChange(name, version - 1, version, publicUserCount, [.. changes]);
    }

    /// <summary>The truth as it is now becomes the published version.</summary>
    private void MarkPublishedLocked()
    {
        // A change published as it is made (immediate mode, nobody subscribed) is its own diff: nothing coalesced.
        changesSinceCut = 0;
        version++;
        publishedPublicUserCount = publicUserCount;
        Volatile.Write(ref publishedSnapshot, null);
    }

    private PresenceSnapshot PublishedLocked()
    {
        if (publishedSnapshot is { } cached)
        {
            return cached;
        }
        var published = new Dictionary<string, PresenceUser>(users, StringComparer.Ordinal);
        foreach (var (key, before) in publishedBeforeTouch)
        {
            if (before is null)
            {
                published.Remove(key);
            }
            else
            {
                published[key] = before;
            }
        }
        var snapshot = new PresenceSnapshot(name, version, published, publishedPublicUserCount);
        Volatile.Write(ref publishedSnapshot, snapshot);
        return snapshot;
    }

    /// <summary>
    /// Called under <c>gate</c> at the end of every change: takes what the changes since the last call need next
    /// (the first change since a flush wants one, paced by the subscribers counted here; leaves to debounce) for
    /// <see cref="AfterChange"/>. Taken under the change's own lock, so a change locks its topic once. In immediate
    /// mode a topic with no subscriber is cut right here: there is nobody to hand the change to, so no order to keep
    /// (<see cref="Flush"/> does the same).
    /// </summary>
    private NextStep EndChangeLocked()
    {
        var (flush, leaves) = (flushWanted, leavesToSchedule);
        (flushWanted, leavesToSchedule) = (false, null);
        if (!immediate)
        {
            return new NextStep(PaceFlush: flush, subscribers.Length, Publish: false, leaves);
        }
        if (subscribers.Length == 0 && users.Count > 0)
        {
            CutLocked(buildChange: false);
            return new NextStep(PaceFlush: false, 0, Publish: false, leaves);
        }
        // Even when another thread's flush is already on its way with this change: once a change returns in
        // immediate mode, it is published (Publish waits for that flush's hand-over under the publish lock).
        return new NextStep(PaceFlush: false, subscribers.Length, Publish: true, leaves);
    }

    /// <summary>
    /// The one place that decides when the topic flushes, called after every change once <c>gate</c> is released,
    /// with what <see cref="EndChangeLocked"/> took: a zero tick publishes now; otherwise the first change since a
    /// flush is paced by <see cref="TopicTimers.Schedule"/> (flushed here at once after a quiet spell, else by the
    /// tick one interval after the previous flush); leaves start their debounce. Never called holding <c>gate</c>: the
    /// <see cref="TimeProvider"/> may run due callbacks (a flush, an expiring leave) right here, on this thread, and
    /// they must find every change whole. A flush that comes late only flushes later; one that finds its changes
    /// already flushed does nothing.
    /// </summary>
    private void AfterChange(NextStep next)
    {
        if ((next.PaceFlush || next.Leaves is not null) && timers.Schedule(next.PaceFlush, next.Subscribers, next.Leaves))
        {
            Flush();
        }
        if (next.Publish)
        {
            Publish();
        }
    }

    private void TryRetire()
    {
        bool retire;
        lock (gate)
        {
            retire = TryRetireLocked();
        }
        if (retire)
        {
            Retired();
        }
    }

    /// <summary>Marks an empty topic (no presences, no subscriber, nothing unpublished) retired; true if it just was.</summary>
    private bool TryRetireLocked()
    {
        if (retired || users.Count > 0 || subscribers.Length > 0 || publishedBeforeTouch.Count > 0)
        {
            return false;
        }
        retired = true;
        return true;
    }

    /// <summary>After <see cref="TryRetireLocked"/>, with no lock held: a new topic state takes this one's name.</summary>
    private void Retired()
    {
        timers.Dispose();
        tracker.Forget(this);
    }

    /// <summary>What a change needs once the topic's lock is released (see <see cref="AfterChange"/>).</summary>
    private readonly record struct NextStep(bool PaceFlush, int Subscribers, bool Publish, List<PendingLeave>? Leaves);
}
