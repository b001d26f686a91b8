using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Presence;

/// <summary>
/// One subscriber's mailbox. Changes are handed over in O(1) and delivered on the thread pool, one at a time and in
/// version order, so a slow or failing handler only ever delays itself. Changes that pile up while its handler is
/// busy are merged into one, so a lagging subscriber holds at most one pending change, not a growing queue.
/// It keeps only the version it started from, not that snapshot: a long-lived subscriber must not keep an old
/// snapshot alive (the view it started from is handed out once, by <see cref="PresenceSubscription.TakeInitial"/>).
/// </summary>
internal sealed class Subscriber(
    PresenceTracker tracker,
    TopicState topic,
    string viewerKey,
    Func<PresenceChange, Task> onChange,
    long initialVersion,
    bool viewerPresentButHiddenInitially,
    ILogger logger) : IThreadPoolWorkItem
{
    private readonly Lock gate = new();
    private TopicChange? pending;
    private bool draining;
    private bool disposed;
    private long deliveredVersion = initialVersion;
    private bool viewerPresentButHidden = viewerPresentButHiddenInitially;

    public string ViewerKey => viewerKey;

    public void Offer(TopicChange change)
    {
        if (!change.IsVisibleTo(viewerKey))
        {
            return;
        }
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            pending = pending is null ? change : TopicChange.Merge(pending, change);
            if (draining)
            {
                return;
            }
            draining = true;
        }
        tracker.Deliveries.Begin();
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            pending = null;
        }
        topic.Unsubscribe(this);
    }

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    private async Task DrainAsync()
    {
        try
        {
            while (TakePending() is { } change)
            {
                await Deliver(change).ConfigureAwait(false);
            }
        }
        finally
        {
            tracker.Deliveries.End();
        }
    }

    private TopicChange? TakePending()
    {
        lock (gate)
        {
            var next = disposed ? null : pending;
            pending = null;
            draining = next is not null;
            return next;
        }
    }

    private async Task Deliver(TopicChange change)
    {
        if (change.Find(viewerKey) is { } own)
        {
            viewerPresentButHidden = own.After is { Public: null };
        }
        var userCount = change.PublicUserCount + (viewerPresentButHidden ? 1 : 0);
        var delivered = new PresenceChange(tracker, change, viewerKey, deliveredVersion, userCount);
        deliveredVersion = change.ToVersion;
        try
        {
            await onChange(delivered).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A presence subscriber of {Topic} failed on version {Version}", change.Topic, change.ToVersion);
        }
    }
}
