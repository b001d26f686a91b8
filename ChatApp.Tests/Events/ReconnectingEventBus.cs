using ChatApp.Core.Events;

namespace ChatApp.Tests.Events;

/// <summary>
/// The in-process bus behaving as a backplane whose connection drops: while down, published events are lost (as
/// Redis pub/sub loses them); coming back raises a gap on every key, as the Redis implementation will.
/// </summary>
public sealed class ReconnectingEventBus(InProcessEventBus inner) : IEventBus
{
    private readonly HashSet<EventKey> keys = [];
    private volatile bool down;

    public void Publish(EventKey key, ChatEvent @event)
    {
        if (!down)
        {
            inner.Publish(key, @event);
        }
    }

    public IDisposable Observe<TEvent>(Action<EventKey, TEvent> onEvent, Action<EventKey> onGap) where TEvent : ChatEvent =>
        inner.Observe(onEvent, onGap);

    public IDisposable Subscribe<TEvent>(EventKey key, Func<TEvent, Task> onEvent, Func<Task>? onGap = null) where TEvent : ChatEvent
    {
        lock (keys)
        {
            keys.Add(key);
        }
        return inner.Subscribe(key, onEvent, onGap);
    }

    public void Disconnect() => down = true;

    public void Reconnect()
    {
        down = false;
        lock (keys)
        {
            foreach (var key in keys)
            {
                inner.RaiseGap(key);
            }
        }
    }
}
