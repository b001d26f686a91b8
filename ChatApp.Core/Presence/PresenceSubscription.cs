namespace ChatApp.Core.Presence;

/// <summary>
/// A live subscription to one topic for one viewer. <see cref="TakeInitial"/> is the snapshot the changes start from:
/// the first change delivered has <see cref="PresenceChange.FromVersion"/> equal to its version. Dispose to stop
/// delivery; a delivery already running when Dispose is called still completes.
/// </summary>
public sealed class PresenceSubscription : IDisposable
{
    private readonly PresenceTracker tracker;
    private readonly Subscriber subscriber;
    private PresenceSnapshot? initial;
    private int disposed;

    internal PresenceSubscription(PresenceTracker tracker, Subscriber subscriber, PresenceView initial)
    {
        this.tracker = tracker;
        this.subscriber = subscriber;
        this.initial = initial.Snapshot;
        Topic = initial.Topic;
    }

    public string Topic { get; }

    public string ViewerKey => subscriber.ViewerKey;

    /// <summary>
    /// The topic as the viewer saw it when subscribing: the view the delivered changes start from. Handed out once:
    /// taking it lets the subscription drop it, so that long-lived subscriptions made at different versions do not
    /// each keep an old snapshot alive. Take it right after subscribing (a subscriber that only needs
    /// <see cref="Current"/> takes it to let it go); taking it again throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public PresenceView TakeInitial() => Interlocked.Exchange(ref initial, null) is { } snapshot
        ? snapshot.For(ViewerKey)
        : throw new InvalidOperationException(
            "The initial view of a presence subscription is handed out once; keep the first one taken, or use Current.");

    /// <summary>The topic as the viewer sees it now (the shared snapshot of the latest published version).</summary>
    public PresenceView Current => tracker.List(Topic, ViewerKey);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            initial = null;
            subscriber.Dispose();
        }
    }
}
