namespace ChatApp.Core.Events;

/// <summary>
/// The one fan-out mechanism of the app: services publish typed events (<see cref="ChatEvent"/>) on a key
/// (<see cref="EventKey"/>: <c>room:{id}</c>, <c>user:{id}</c>, <c>site</c>, <c>admin</c>); every subscriber of that
/// key and event type gets them. Presence is not on it: the presence engine has its own replication seam.
/// <para><b>Contract</b> (every implementation keeps it, subscribers rely on nothing more):</para>
/// <list type="bullet">
/// <item><b>Save first, publish after.</b> An event says something already stored happened; nobody is ever told
/// about data the database does not have.</item>
/// <item><b>Order per key, per subscriber.</b> Events published on one key reach each subscriber in the order they
/// were published, one at a time: a subscriber's handler is never run twice at once. Nothing is promised about the
/// order between different keys, or between different subscribers.</item>
/// <item><b>At most once.</b> An event may be lost (a Redis connection drops, a subscriber falls too far behind); it
/// is never delivered twice to one subscriber.</item>
/// <item><b>A gap is announced.</b> When events of a key may have been lost, each subscriber of that key gets its
/// <c>onGap</c> callback, in order with its events: it must then rebuild what it shows from the database (reload
/// the room's newest messages, its room list, its watch list) instead of trusting what it pieced together from
/// events. A subscriber that passes no <c>onGap</c> says that a lost event cannot mislead it for long (typing
/// expires by itself; sessions are re-validated on a timer).</item>
/// <item><b>Isolation.</b> One slow or failing subscriber never holds up the publisher or any other subscriber: a
/// handler runs until its first await on the publisher's thread, and the rest of its queue waits for it alone. A
/// handler that throws is logged and skipped. Handlers marshal to their renderer themselves (InvokeAsync).</item>
/// </list>
/// <para><b>Implementations.</b> <see cref="InProcessEventBus"/> (the default, one instance) delivers in memory;
/// it raises a gap only for a subscriber whose queue overflowed. The Redis implementation (ChatApp.Redis's
/// RedisEventBus, with <c>Backplane:Redis</c> set) delivers to the publishing node's own subscribers at once, through
/// the same per-subscriber mailboxes, and publishes to the channel <c>{prefix}:events:{key}</c> an envelope
/// <c>{"node": the publishing node, "type": event type name, "event": the record as System.Text.Json}</c> (the type
/// name resolves only against the <see cref="ChatEvent"/> types of ChatApp.Core); every other node hears the whole
/// deployment's events on one pattern subscription (<c>{prefix}:events:*</c>) and feeds them to its observers and
/// subscribers in arrival order. When a node's connection comes back it raises a gap on every key it has subscribers
/// for (and <see cref="EventKey.All"/> to its observers), and tells the other nodes to do the same for the events of
/// its own they may have missed.</para>
/// </summary>
public interface IEventBus
{
    /// <summary>Hands the event to every subscriber of <paramref name="key"/> whose type it is; returns at once.</summary>
    void Publish(EventKey key, ChatEvent @event);

    /// <summary>
    /// Events of type <typeparamref name="TEvent"/> published on <paramref name="key"/> from now on, until the
    /// returned subscription is disposed. <paramref name="onGap"/>: see the contract above.
    /// </summary>
    IDisposable Subscribe<TEvent>(EventKey key, Func<TEvent, Task> onEvent, Func<Task>? onGap = null)
        where TEvent : ChatEvent;

    /// <summary>
    /// Every event of type <typeparamref name="TEvent"/> on any key, for a node-wide cache (a room's newest
    /// messages): run on the publishing thread, possibly on several at once, and <b>before</b> the event is handed to
    /// any subscriber. So a subscriber that missed an event (it subscribed just after) and then reads the cache finds
    /// the event there. <paramref name="onGap"/> runs when events of a key may have been lost (before the
    /// subscribers' gaps); it is given <see cref="EventKey.All"/> when events of any key may have been lost (a
    /// backplane reconnected), and should then forget everything it pieced together from events. Both must be quick,
    /// thread-safe and must not throw.
    /// </summary>
    IDisposable Observe<TEvent>(Action<EventKey, TEvent> onEvent, Action<EventKey> onGap) where TEvent : ChatEvent;
}
