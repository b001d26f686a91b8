namespace ChatApp.Core.Presence;

/// <summary>
/// A live subscription to one topic for one viewer. <see cref="Initial"/> is the snapshot the changes start from:
/// the first change delivered has <see cref="PresenceChange.FromVersion"/> equal to its version. Dispose to stop
/// delivery; a delivery already running when Dispose is called still completes.
/// </summary>
public sealed class PresenceSubscription : IDisposable
{
    private readonly PresenceTracker tracker;
    private readonly Subscriber subscriber;
    private int disposed;

    internal PresenceSubscription(PresenceTracker tracker, Subscriber subscriber)
    {
        this.tracker = tracker;
        this.subscriber = subscriber;
    }

    public string Topic => Initial.Topic;

    public string ViewerKey => subscriber.ViewerKey;

    public PresenceView Initial => subscriber.Initial;

    /// <summary>The topic as the viewer sees it now (the shared snapshot of the latest published version).</summary>
    public PresenceView Current => tracker.List(Topic, ViewerKey);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            subscriber.Dispose();
        }
    }
}
