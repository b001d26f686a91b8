namespace ChatApp.Core.Presence;

/// <summary>One key's published state before and after a change; the full (unfiltered) users.</summary>
internal sealed class KeyChange(string key, PresenceUser? before, PresenceUser? after)
{
    public string Key { get; } = key;
    public PresenceUser? Before { get; } = before;
    public PresenceUser? After { get; } = after;

    /// <summary>Whether anyone other than the key itself sees a difference.</summary>
    public bool ChangesPublicView { get; } = !PresenceUser.SameMetas(before?.Public, after?.Public);
}

/// <summary>
/// What changed in a topic from one published version to the next. Built once per tick and shared by every
/// subscriber; each subscriber projects it for its viewer only when it reads it.
/// </summary>
internal sealed class TopicChange
{
    private const int ScanLimit = 8;
    private readonly Dictionary<string, KeyChange>? byKey;
    private readonly int publicChanges;

    public TopicChange(string topic, long fromVersion, long toVersion, int publicUserCount, KeyChange[] changes)
    {
        Topic = topic;
        FromVersion = fromVersion;
        ToVersion = toVersion;
        PublicUserCount = publicUserCount;
        Changes = changes;
        foreach (var change in changes)
        {
            publicChanges += change.ChangesPublicView ? 1 : 0;
        }
        if (changes.Length > ScanLimit)
        {
            byKey = changes.ToDictionary(c => c.Key, StringComparer.Ordinal);
        }
    }

    public string Topic { get; }
    public long FromVersion { get; }
    public long ToVersion { get; }

    /// <summary>Users visible to everyone at <see cref="ToVersion"/>.</summary>
    public int PublicUserCount { get; }

    public KeyChange[] Changes { get; }

    public KeyChange? Find(string key)
    {
        if (byKey is not null)
        {
            return byKey.GetValueOrDefault(key);
        }
        foreach (var change in Changes)
        {
            if (change.Key == key)
            {
                return change;
            }
        }
        return null;
    }

    /// <summary>
    /// False when the viewer would see nothing, e.g. when only an invisible user changed: such a change is not
    /// delivered to them at all, so not even its timing reveals the invisible user.
    /// </summary>
    public bool IsVisibleTo(string viewerKey)
    {
        var own = Find(viewerKey);
        return own is not null || publicChanges > 0;
    }

    /// <summary>Joins two consecutive changes into one from a's start to b's end (for a subscriber that fell behind).</summary>
    public static TopicChange Merge(TopicChange a, TopicChange b)
    {
        var merged = new Dictionary<string, KeyChange>(a.Changes.Length + b.Changes.Length, StringComparer.Ordinal);
        foreach (var change in a.Changes)
        {
            merged[change.Key] = change;
        }
        foreach (var change in b.Changes)
        {
            merged[change.Key] = merged.TryGetValue(change.Key, out var earlier)
                ? new KeyChange(change.Key, earlier.Before, change.After)
                : change;
        }
        var changes = merged.Values.Where(c => !PresenceUser.SameState(c.Before, c.After)).ToArray();
        return new TopicChange(b.Topic, a.FromVersion, b.ToVersion, b.PublicUserCount, changes);
    }
}
