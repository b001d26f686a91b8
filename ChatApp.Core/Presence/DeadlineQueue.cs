namespace ChatApp.Core.Presence;

/// <summary>
/// Items that fall due a fixed delay after they were added, driven by one timer from the injected TimeProvider.
/// The delay is the same for every item, so due times only grow: a FIFO queue is already sorted, adding is O(1),
/// and cancelling is free (the owner ignores an item whose state has moved on when it falls due).
/// </summary>
internal sealed class DeadlineQueue<T> : IDisposable
{
    private readonly Lock gate = new();
    private readonly Queue<(long Due, T Item)> queue = new();
    private readonly TimeProvider time;
    private readonly long delayInTimestampUnits;
    private readonly Action<T> onDue;
    private ITimer? timer;
    private bool disposed;

    public DeadlineQueue(TimeProvider time, TimeSpan delay, Action<T> onDue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        this.time = time;
        this.onDue = onDue;
        delayInTimestampUnits = (long)Math.Ceiling(delay.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);
    }

    public void Add(T item)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            var now = time.GetTimestamp();
            queue.Enqueue((now + delayInTimestampUnits, item));
            if (queue.Count == 1)
            {
                Arm(delayInTimestampUnits);
            }
        }
    }

    public void Dispose()
    {
        ITimer? toDispose;
        lock (gate)
        {
            disposed = true;
            queue.Clear();
            toDispose = timer;
            timer = null;
        }
        toDispose?.Dispose();
    }

    private void OnTimer()
    {
        List<T>? due = null;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            var now = time.GetTimestamp();
            while (queue.TryPeek(out var head) && head.Due <= now)
            {
                queue.Dequeue();
                (due ??= []).Add(head.Item);
            }
            if (queue.TryPeek(out var next))
            {
                Arm(next.Due - now);
            }
        }
        foreach (var item in due ?? [])
        {
            onDue(item);
        }
    }

    private void Arm(long inTimestampUnits)
    {
        var ticks = (long)Math.Ceiling(inTimestampUnits * (double)TimeSpan.TicksPerSecond / time.TimestampFrequency);
        timer ??= time.CreateTimer(static state => ((DeadlineQueue<T>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromTicks(Math.Max(ticks, 1)), Timeout.InfiniteTimeSpan);
    }
}
