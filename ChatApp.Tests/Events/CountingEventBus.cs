using ChatApp.Core.Events;

namespace ChatApp.Tests.Events;

/// <summary>The in-process bus, counting every time any subscriber's handler runs.</summary>
public sealed class CountingEventBus(InProcessEventBus inner) : IEventBus
{
    private int handlersRun;

    public int HandlersRun => Volatile.Read(ref handlersRun);

    public void Publish(EventKey key, ChatEvent @event) => inner.Publish(key, @event);

    public IDisposable Observe<TEvent>(Action<EventKey, TEvent> onEvent, Action<EventKey> onGap) where TEvent : ChatEvent =>
        inner.Observe(onEvent, onGap);

    public IDisposable Subscribe<TEvent>(EventKey key, Func<TEvent, Task> onEvent, Func<Task>? onGap = null) where TEvent : ChatEvent =>
        inner.Subscribe<TEvent>(key, e =>
        {
            Interlocked.Increment(ref handlersRun);
            return onEvent(e);
        }, onGap);
}
