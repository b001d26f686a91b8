using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Presence;

/// <summary>
/// One subscriber's mailbox. Changes are handed over in O(1) and delivered on the thread pool (in immediate mode, the
/// first one to an idle mailbox on the changing thread), one at a time and in version order, so a slow or failing
/// handler only ever delays itself. Changes that pile up while its handler is
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
    PresenceUser? initialViewer,
    ILogger logger) : IThreadPoolWorkItem
{
    private readonly Lock gate = new();
    private TopicChange? pending;
    private bool draining;
    private bool disposed;
    private long deliveredVersion = initialVersion;
    // The viewer's own user as of the delivered version: its count includes them even when others cannot see them.
    private PresenceUser? viewer = initialViewer;

    public string ViewerKey => viewerKey;

    /// <summary>
    /// Hands a change over in O(1). Returns true when the mailbox was idle: the caller then starts its delivery, with
    /// <see cref="DeliverOnPool"/> or <see cref="DeliverHere"/>, once it has handed the change to every subscriber.
    /// <paramref name="accepted"/>: the change is on its way to this subscriber (alone, or merged into one pending).
    /// </summary>
    public bool Offer(TopicChange change, out bool accepted)
    {
        accepted = false;
        if (!change.IsVisibleTo(viewerKey))
        {
            return false;
        }
        lock (gate)
        {
            if (disposed)
            {
                return false;
            }
            accepted = true;
            pending = pending is null ? change : TopicChange.Merge(pending, change);
            if (draining)
            {
                return false;
            }
            draining = true;
        }
        tracker.Deliveries.Begin();
        return true;
    }

    public void DeliverOnPool() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    /// <summary>
    /// Delivers the pending change on the calling thread (immediate mode: the changing thread, holding no engine lock),
    /// saving the thread-pool hop, as Phoenix runs handle_diff inside the tracker. Only that one change: whatever
    /// arrived meanwhile goes on on the thread pool, so a busy topic never keeps the changing thread delivering.
    /// </summary>
    public void DeliverHere() => _ = DeliverOneThenPoolAsync();

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

    private async Task DeliverOneThenPoolAsync()
    {
        if (TakePending() is not { } change)
        {
            tracker.Deliveries.End();
            return;
        }
        await Deliver(change).ConfigureAwait(false);
        bool more;
        lock (gate)
        {
            more = !disposed && pending is not null;
            draining = more;
            if (!more)
            {
                pending = null;
            }
        }
        if (more)
        {
            DeliverOnPool();
        }
        else
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
            viewer = own.After;
        }
        var userCount = PresenceUser.CountSeenBy(viewer, change.PublicUserCount);
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
