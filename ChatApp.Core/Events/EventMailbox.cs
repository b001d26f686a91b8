using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Events;

/// <summary>
/// One subscriber's queue on the bus. Events are handed over in O(1) and run one at a time, in the order they were
/// posted: the first on the poster's thread (so a handler that does not await finishes before Publish returns),
/// the rest by whichever delivery is under way when they arrive. A handler that awaits holds up only its own
/// queue. The same idea as the presence engine's subscriber mailbox, which merges diffs instead of queueing them;
/// events cannot be merged, so a subscriber that falls <see cref="Capacity"/> events behind loses its queue and
/// gets a gap instead (at most once, announced).
/// </summary>
internal abstract class EventMailbox(EventKey key, ILogger logger) : IDisposable
{
    public const int Capacity = 1024;

    private readonly Lock gate = new();
    private readonly Queue<ChatEvent?> queue = new(); // null stands for a gap
    private bool draining;
    private bool disposed;
    private Action<EventMailbox>? onDispose;

    public EventKey Key => key;

    public abstract Type EventType { get; }

    public bool Accepts(ChatEvent @event) => EventType.IsInstanceOfType(@event);

    public void Attach(Action<EventMailbox> unsubscribe) => onDispose = unsubscribe;

    public void Post(ChatEvent @event) => Enqueue(@event);

    public void PostGap() => Enqueue(null);

    private void Enqueue(ChatEvent? item)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            if (queue.Count >= Capacity)
            {
                queue.Clear();
                logger.LogWarning("A subscriber of {Key} fell {Capacity} events behind: it loses them and resyncs", key, Capacity);
                item = null;
            }
            queue.Enqueue(item);
            if (draining)
            {
                return;
            }
            draining = true;
        }
        _ = DrainAsync();
    }

    private async Task DrainAsync()
    {
        while (TakeNext(out var item))
        {
            try
            {
                await (item is null ? OnGap() : OnEvent(item)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber of {Key} failed to take {Event}", key, (object?)item ?? "a gap");
            }
        }
    }

    private bool TakeNext(out ChatEvent? item)
    {
        lock (gate)
        {
            if (disposed || !queue.TryDequeue(out item))
            {
                item = null;
                draining = false;
                return false;
            }
            return true;
        }
    }

    protected abstract Task OnEvent(ChatEvent @event);

    protected abstract Task OnGap();

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
            queue.Clear();
        }
        onDispose?.Invoke(this);
    }
}

internal sealed class EventMailbox<TEvent>(EventKey key, Func<TEvent, Task> onEvent, Func<Task>? onGap, ILogger logger)
    : EventMailbox(key, logger) where TEvent : ChatEvent
{
    public override Type EventType => typeof(TEvent);

    protected override Task OnEvent(ChatEvent @event) => onEvent((TEvent)@event);

    protected override Task OnGap() => onGap?.Invoke() ?? Task.CompletedTask;
}
