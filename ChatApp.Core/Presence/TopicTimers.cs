namespace ChatApp.Core.Presence;

/// <summary>
/// A topic's timers: the paced flush and the leave debounce. Everything here is guarded by its own lock, which is never
/// taken while holding the topic's lock: arming a timer may run due callbacks on the calling thread (FakeTimeProvider
/// does), and those callbacks take the topic's lock. See README.md in this folder for the lock order.
/// </summary>
/// <remarks>
/// The flush is leading-edge and paced by the topic's audience: the first change after a quiet spell (no flush within
/// the last interval) is flushed at once, by the thread that made it; changes after that are coalesced and flushed
/// one interval after the previous flush, where the interval is max(DiffTick, subscribers × FlushCostPerSubscriber),
/// capped at MaxFlushInterval.
/// A calm room shows a status change without waiting for a tick, and a storm into a big room costs each of its tabs
/// at most one render per interval, so the renders per second of a room stay bounded up to MaxFlushInterval ÷
/// FlushCostPerSubscriber tabs (2,000 at the defaults); beyond that the cap keeps changes showing within a second,
/// at one render per tab per MaxFlushInterval.
/// </remarks>
internal sealed class TopicTimers(TimeProvider time, PresenceOptions options, Action flush, Action<PendingLeave> expireLeave)
{
    private readonly Lock gate = new();
    private ITimer? tickTimer;
    private DeadlineQueue<PendingLeave>? pendingLeaves;
    private bool disposed;
    // When the last flush started (a timestamp of the TimeProvider) and whether there was one. Written under gate,
    // and by Tick without it (Tick takes no lock: a FakeTimeProvider may run it inside another topic's Schedule).
    private long lastFlushAt;
    private bool flushedBefore;
    // 1 while the tick is armed and has not started its flush: changes meanwhile ride on that flush.
    private int tickArmed;

    /// <summary>
    /// Starts the debounce of leaves and, for the first change since the last flush (<paramref name="changed"/>),
    /// paces its flush: true means flush now (the leading edge; the caller does it, holding no lock), else the tick is
    /// armed for one interval after the previous flush, or already is. Zero DiffTick never comes here: see <see cref="TopicState"/>.
    /// </summary>
    public bool Schedule(bool changed, int subscribers, List<PendingLeave>? leaves)
    {
        lock (gate)
        {
            if (disposed)
            {
                return false;
            }
            if (leaves is not null)
            {
                // A local: a callback run by Add may retire the topic and dispose the queue (adding to it is then a no-op).
                var queue = pendingLeaves ??= new DeadlineQueue<PendingLeave>(time, options.LeaveDebounce, expireLeave);
                foreach (var leave in leaves)
                {
                    queue.Add(leave);
                }
            }
            if (!changed || disposed || Volatile.Read(ref tickArmed) == 1)
            {
                return false;
            }
            var interval = Interval(options, subscribers);
            var now = time.GetTimestamp();
            var since = flushedBefore ? time.GetElapsedTime(Volatile.Read(ref lastFlushAt), now) : TimeSpan.MaxValue;
            if (since >= interval)
            {
                // A quiet spell: this change goes out now, and the next one waits for the interval from here.
                Volatile.Write(ref lastFlushAt, now);
                flushedBefore = true;
                return true;
            }
            Volatile.Write(ref tickArmed, 1);
            tickTimer ??= time.CreateTimer(static state => ((TopicTimers)state!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            tickTimer.Change(interval - since, Timeout.InfiniteTimeSpan);
            return false;
        }
    }

    /// <summary>
    /// How long a topic with this many subscribers waits between flushes while its changes keep coming:
    /// max(DiffTick, subscribers × FlushCostPerSubscriber), capped at MaxFlushInterval (validated to be ≥ DiffTick).
    /// </summary>
    public static TimeSpan Interval(PresenceOptions options, int subscribers)
    {
        var paced = options.FlushCostPerSubscriber * subscribers;
        if (paced <= options.DiffTick)
        {
            return options.DiffTick;
        }
        return paced < options.MaxFlushInterval ? paced : options.MaxFlushInterval;
    }

    private void Tick()
    {
        // The flush's start, then the tick is free again: a change that finds it free arms one interval after this.
        Volatile.Write(ref lastFlushAt, time.GetTimestamp());
        Volatile.Write(ref tickArmed, 0);
        flush();
    }

    public void Dispose()
    {
        ITimer? timer;
        DeadlineQueue<PendingLeave>? leaves;
        lock (gate)
        {
            disposed = true;
            (timer, tickTimer) = (tickTimer, null);
            (leaves, pendingLeaves) = (pendingLeaves, null);
        }
        timer?.Dispose();
        leaves?.Dispose();
    }
}

/// <summary>
/// A leave the debounce holds back: the whole key (<see cref="PresenceUser.IsLeaving"/>), or only what others saw of
/// it after its last visible meta went (<see cref="PresenceUser.HeldPublic"/>). <paramref name="Shown"/> identifies it.
/// </summary>
internal readonly record struct PendingLeave(string Key, PresenceUser Shown);
