using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Events;

/// <summary>
/// The default <see cref="IEventBus"/>: one app instance, delivery in memory (see the contract there). Publishing
/// reads an immutable snapshot of the key's subscribers, so it takes no lock and never waits for a subscriber.
/// </summary>
public sealed class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventBus
{
    /// <summary>Log event id 1100: the first link of the live-update chain (see Chat's LiveEventIds).</summary>
    public static readonly EventId Published = new(1100, "LiveEventPublished");

    private readonly Lock gate = new();
    private ImmutableDictionary<EventKey, ImmutableList<EventMailbox>> subscribers =
        ImmutableDictionary<EventKey, ImmutableList<EventMailbox>>.Empty;
    private ImmutableList<Observer> observers = [];

    public void Publish(EventKey key, ChatEvent @event)
    {
        EnsureSingleKey(key);
        foreach (var observer in observers)
        {
            if (observer.Accepts(@event))
            {
                observer.OnEvent(key, @event);
            }
        }
        // Observers first, then the subscriber list (a full fence between): a subscription this publish does not
        // see was added after the observers had the event, so whatever that subscriber reads from them has it.
        Interlocked.MemoryBarrier();
        var mailboxes = Volatile.Read(ref subscribers).GetValueOrDefault(key, []);
        // The first link of every live update: if a tab missed one, this says whether it was ever sent.
        logger.LogDebug(Published, "Publishing {Event} on {Key} to {Subscribers} subscribers", @event, key, mailboxes.Count);
        foreach (var mailbox in mailboxes)
        {
            if (mailbox.Accepts(@event))
            {
                mailbox.Post(@event);
            }
        }
    }

    public IDisposable Observe<TEvent>(Action<EventKey, TEvent> onEvent, Action<EventKey> onGap) where TEvent : ChatEvent
    {
        var observer = new Observer(typeof(TEvent), (key, e) => onEvent(key, (TEvent)e), onGap);
        lock (gate)
        {
            observers = observers.Add(observer);
        }
        return new Unobserve(this, observer);
    }

    public IDisposable Subscribe<TEvent>(EventKey key, Func<TEvent, Task> onEvent, Func<Task>? onGap = null)
        where TEvent : ChatEvent
    {
        EnsureSingleKey(key);
        var mailbox = new EventMailbox<TEvent>(key, onEvent, onGap, logger);
        mailbox.Attach(Unsubscribe);
        lock (gate)
        {
            subscribers = subscribers.SetItem(key, subscribers.GetValueOrDefault(key, []).Add(mailbox));
        }
        return mailbox;
    }

    /// <summary>
    /// Tells every subscriber of the key that events may have been lost. Never needed in one process (nothing is
    /// lost in memory); it is how a backplane announces a reconnect, and how tests exercise the resync.
    /// </summary>
    public void RaiseGap(EventKey key)
    {
        if (key == EventKey.All)
        {
            RaiseGapOnEveryKey();
            return;
        }
        foreach (var observer in observers)
        {
            observer.OnGap(key);
        }
        foreach (var mailbox in subscribers.GetValueOrDefault(key, []))
        {
            mailbox.PostGap();
        }
    }

    /// <summary>
    /// Events of any key may have been lost (a backplane's connection came back): observers are told
    /// <see cref="EventKey.All"/>, then every subscriber of every key gets its gap, in order with its events.
    /// </summary>
    public void RaiseGapOnEveryKey()
    {
        foreach (var observer in observers)
        {
            observer.OnGap(EventKey.All);
        }
        foreach (var (_, mailboxes) in Volatile.Read(ref subscribers))
        {
            foreach (var mailbox in mailboxes)
            {
                mailbox.PostGap();
            }
        }
    }

    /// <summary><see cref="EventKey.All"/> names no channel: nothing is published or heard on it.</summary>
    private static void EnsureSingleKey(EventKey key)
    {
        if (key == EventKey.All || string.IsNullOrEmpty(key.Value))
        {
            throw new ArgumentException($"'{key}' is not a key to publish or subscribe on.", nameof(key));
        }
    }

    /// <summary>Live subscriptions of the key (those that hear events of one type, when given: of it or a base of it).</summary>
    public int SubscriberCount(EventKey key, Type? eventType = null) =>
        subscribers.GetValueOrDefault(key, []).Count(m => eventType is null || m.EventType.IsAssignableFrom(eventType));

    public int SubscriberCount<TEvent>(EventKey key) where TEvent : ChatEvent => SubscriberCount(key, typeof(TEvent));

    /// <summary>Keys with at least one subscriber: none left behind once every subscription is disposed.</summary>
    public int KeyCount => subscribers.Count;

    private void Unsubscribe(EventMailbox mailbox)
    {
        lock (gate)
        {
            if (!subscribers.TryGetValue(mailbox.Key, out var list))
            {
                return;
            }
            list = list.Remove(mailbox);
            subscribers = list.IsEmpty ? subscribers.Remove(mailbox.Key) : subscribers.SetItem(mailbox.Key, list);
        }
    }

    private sealed record Observer(Type EventType, Action<EventKey, ChatEvent> OnEvent, Action<EventKey> OnGap)
    {
        public bool Accepts(ChatEvent @event) => EventType.IsInstanceOfType(@event);
    }

    private sealed class Unobserve(InProcessEventBus bus, Observer observer) : IDisposable
    {
        public void Dispose()
        {
            lock (bus.gate)
            {
                bus.observers = bus.observers.Remove(observer);
            }
        }
    }
}
