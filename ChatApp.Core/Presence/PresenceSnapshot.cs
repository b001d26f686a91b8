namespace ChatApp.Core.Presence;

/// <summary>
/// A topic's presences at one version: immutable and shared by every viewer and subscriber of that version.
/// It holds invisible users too, so it is only read through <see cref="For"/>, which filters them for the viewer.
/// </summary>
public sealed class PresenceSnapshot
{
    internal PresenceSnapshot(string topic, long version, Dictionary<string, PresenceUser> users, int publicUserCount)
    {
        Topic = topic;
        Version = version;
        Users = users;
        PublicUserCount = publicUserCount;
    }

    public string Topic { get; }

    public long Version { get; }

    internal IReadOnlyDictionary<string, PresenceUser> Users { get; }

    /// <summary>Users with at least one meta that is not invisible.</summary>
    internal int PublicUserCount { get; }

    public PresenceView For(string viewerKey) => new(this, viewerKey);

    internal static PresenceSnapshot Empty(string topic) => new(topic, 0, new Dictionary<string, PresenceUser>(0), 0);
}
