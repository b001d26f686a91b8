namespace ChatApp.Core.Presence;

/// <summary>
/// A topic's timers: the diff tick and the leave debounce. Everything here is guarded by its own lock, which is never
/// taken while holding the topic's lock: arming a timer may run due callbacks on the calling thread (FakeTimeProvider
/// does), and those callbacks take the topic's lock. See README.md in this folder for the lock order.
/// </summary>
internal sealed class TopicTimers(TimeProvider time, PresenceOptions options, Action flush, Action<PendingLeave> expireLeave)
{
    private readonly Lock gate = new();
    private ITimer? tickTimer;
    private DeadlineQueue<PendingLeave>? pendingLeaves;
    private bool disposed;

    /// <summary>Starts the debounce of leaves and, when asked, arms the tick (a tick of zero is never armed: see <see cref="TopicState"/>).</summary>
    public void Schedule(bool armTick, List<PendingLeave>? leaves)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
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
            if (armTick && !disposed)
            {
                tickTimer ??= time.CreateTimer(static state => ((Action)state!)(), flush, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                tickTimer.Change(options.DiffTick, Timeout.InfiniteTimeSpan);
            }
        }
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
