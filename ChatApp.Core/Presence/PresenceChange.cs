using System.Collections.Immutable;

namespace ChatApp.Core.Presence;

/// <summary>
/// What one subscriber is told: the topic went from <see cref="FromVersion"/> (the version the subscriber had) to
/// <see cref="ToVersion"/>. Diff and events are projected for the subscriber's viewer on first read.
/// </summary>
public sealed class PresenceChange
{
    private readonly TopicChange change;
    private readonly PresenceTracker tracker;
    private PresenceDiff? diff;
    private PresenceEvent[]? events;

    internal PresenceChange(PresenceTracker tracker, TopicChange change, string viewerKey, long fromVersion, int userCount)
    {
        this.tracker = tracker;
        this.change = change;
        ViewerKey = viewerKey;
        FromVersion = fromVersion;
        UserCount = userCount;
    }

    public string Topic => change.Topic;

    public string ViewerKey { get; }

    public long FromVersion { get; }

    public long ToVersion => change.ToVersion;

    /// <summary>How many users the viewer sees at <see cref="ToVersion"/>.</summary>
    public int UserCount { get; }

    public PresenceDiff Diff => diff ??= ProjectDiff();

    /// <summary>Joined / Left / Updated, at most one per user.</summary>
    public IReadOnlyList<PresenceEvent> Events => events ??= ProjectEvents();

    /// <summary>
    /// The topic as the viewer sees it now: the shared snapshot at <see cref="ToVersion"/> or later. Render from
    /// this; use <see cref="Events"/> for notices.
    /// </summary>
    public PresenceView CurrentView() => tracker.List(Topic, ViewerKey);

    private PresenceDiff ProjectDiff()
    {
        var joins = new Dictionary<string, ImmutableArray<PresenceMeta>>(StringComparer.Ordinal);
        var leaves = new Dictionary<string, ImmutableArray<PresenceMeta>>(StringComparer.Ordinal);
        var updates = ImmutableArray.CreateBuilder<PresenceMetaUpdate>();
        foreach (var keyChange in change.Changes)
        {
            var before = keyChange.Before?.VisibleTo(ViewerKey);
            var after = keyChange.After?.VisibleTo(ViewerKey);
            var left = Missing(before, after);
            var joined = Missing(after, before);
            if (left.Length > 0)
            {
                leaves[keyChange.Key] = left;
            }
            if (joined.Length > 0)
            {
                joins[keyChange.Key] = joined;
            }
            foreach (var newMeta in joined)
            {
                foreach (var oldMeta in left)
                {
                    if (oldMeta.IsSameConnectionAs(newMeta))
                    {
                        updates.Add(new PresenceMetaUpdate(keyChange.Key, oldMeta, newMeta));
                    }
                }
            }
        }
        return new PresenceDiff(joins, leaves, updates.DrainToImmutable());
    }

    private PresenceEvent[] ProjectEvents()
    {
        List<PresenceEvent>? projected = null;
        foreach (var keyChange in change.Changes)
        {
            if (UserEvent(keyChange.Before?.VisibleTo(ViewerKey), keyChange.After?.VisibleTo(ViewerKey)) is { } userEvent)
            {
                (projected ??= []).Add(userEvent);
            }
        }
        return projected is null ? [] : [.. projected];
    }

    private static PresenceEvent? UserEvent(PresenceUser? before, PresenceUser? after) => (before, after) switch
    {
        (null, { } joined) => new PresenceEvent(PresenceEventKind.Joined, joined),
        ({ } left, null) => new PresenceEvent(PresenceEventKind.Left, left),
        ({ } previous, { } current) when !previous.HasSameSummaryAs(current) =>
            new PresenceEvent(PresenceEventKind.Updated, current, previous),
        _ => null,
    };

    private static ImmutableArray<PresenceMeta> Missing(PresenceUser? from, PresenceUser? notIn)
    {
        if (from is null)
        {
            return [];
        }
        if (notIn is null)
        {
            return from.Metas;
        }
        var missing = ImmutableArray.CreateBuilder<PresenceMeta>();
        foreach (var meta in from.Metas)
        {
            if (!notIn.Contains(meta))
            {
                missing.Add(meta);
            }
        }
        return missing.DrainToImmutable();
    }
}
