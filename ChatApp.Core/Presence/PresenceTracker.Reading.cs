namespace ChatApp.Core.Presence;

public sealed partial class PresenceTracker
{
    /// <summary>The topic as the viewer sees it, at the version last published to subscribers.</summary>
    public PresenceView List(string topic, string viewerKey) =>
        (topics.TryGetValue(topic, out var state) ? state.Published() : PresenceSnapshot.Empty(topic)).For(viewerKey);

    /// <summary>One user as the viewer sees them, or null if absent (or invisible to this viewer).</summary>
    public PresenceUser? Get(string topic, string key, string viewerKey) =>
        topics.TryGetValue(topic, out var state) ? state.PublishedUser(key)?.VisibleTo(viewerKey) : null;

    /// <summary>How many users the viewer sees in the topic. O(1): builds no snapshot.</summary>
    public int Count(string topic, string viewerKey) =>
        topics.TryGetValue(topic, out var state) ? state.PublishedCount(viewerKey) : 0;

    /// <summary>
    /// Subscribes a viewer to a topic: <see cref="PresenceSubscription.TakeInitial"/> is the snapshot (read it once, right
    /// after subscribing), and <paramref name="onChange"/> then gets every later change in version order, at most one
    /// per tick, never two at once, on a thread-pool thread (with a zero tick, when the subscriber is idle, on the
    /// thread that made the change, holding no engine lock: handlers must not block). Changes the viewer cannot see
    /// (an invisible user's) are not delivered.
    /// </summary>
    public PresenceSubscription Subscribe(string topic, string viewerKey, Func<PresenceChange, Task> onChange)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(viewerKey);
        ArgumentNullException.ThrowIfNull(onChange);
        while (true)
        {
            var state = topics.GetOrAdd(topic, static (name, tracker) => new TopicState(name, tracker), this);
            if (state.TrySubscribe(viewerKey, onChange, out var initial) is { } subscriber)
            {
                return new PresenceSubscription(this, subscriber, initial);
            }
            Forget(state);
        }
    }
}
