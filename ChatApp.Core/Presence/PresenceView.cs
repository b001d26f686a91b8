namespace ChatApp.Core.Presence;

/// <summary>
/// A snapshot as one viewer may see it: other users' invisible metas are left out, and a user with nothing else
/// is absent from <see cref="Users"/>, <see cref="Count"/> and <see cref="Get"/>. The viewer always sees themself.
/// A view wraps the shared snapshot; it copies nothing.
/// </summary>
public readonly struct PresenceView(PresenceSnapshot snapshot, string viewerKey)
{
    public PresenceSnapshot Snapshot { get; } = snapshot;

    public string ViewerKey { get; } = viewerKey;

    public string Topic => Snapshot.Topic;

    public long Version => Snapshot.Version;

    /// <summary>How many users the viewer sees. O(1).</summary>
    public int Count => PresenceUser.CountSeenBy(Snapshot.Users.GetValueOrDefault(ViewerKey), Snapshot.PublicUserCount);

    /// <summary>The users the viewer sees, in no particular order.</summary>
    public IEnumerable<PresenceUser> Users
    {
        get
        {
            var viewerKey = ViewerKey;
            foreach (var user in Snapshot.Users.Values)
            {
                if (user.VisibleTo(viewerKey) is { } visible)
                {
                    yield return visible;
                }
            }
        }
    }

    public PresenceUser? Get(string key) => Snapshot.Users.GetValueOrDefault(key)?.VisibleTo(ViewerKey);

    /// <summary>
    /// The viewer's own user when nobody else can see it (every tab invisible), else null: what a list shared by
    /// everyone lacks for this viewer.
    /// </summary>
    public PresenceUser? HiddenSelf => Snapshot.Users.GetValueOrDefault(ViewerKey) is { IsHiddenFromOthers: true } self ? self : null;
}
