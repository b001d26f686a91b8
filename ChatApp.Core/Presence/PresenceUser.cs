using System.Collections.Immutable;

namespace ChatApp.Core.Presence;

/// <summary>
/// A key (user) as a viewer sees it: its metas and the user-level summary derived from them.
/// Immutable and shared: every snapshot and diff that contains this user at this state holds this same instance.
/// </summary>
public sealed class PresenceUser
{
    private PresenceUser(string key, ImmutableArray<PresenceMeta> metas, bool isLeaving, bool isPublicProjection, PresenceUser? heldPublic = null)
    {
        Key = key;
        Metas = metas;
        IsLeaving = isLeaving;
        var (status, joinedAt) = (metas[0].ShownStatus, metas[0].JoinedAt);
        foreach (var meta in metas)
        {
            status = meta.ShownStatus.Presence() > status.Presence() ? meta.ShownStatus : status;
            joinedAt = meta.JoinedAt < joinedAt ? meta.JoinedAt : joinedAt;
        }
        Status = status;
        JoinedAt = joinedAt;
        Public = isPublicProjection ? this : ProjectPublic();
        if (Public is null && heldPublic is not null)
        {
            // Nothing left that others may see, but the last visible tab's leave is held back (see HeldPublic).
            HeldPublic = heldPublic;
            Public = heldPublic;
        }
    }

    public string Key { get; }

    /// <summary>Ordered by last change, most recent last.</summary>
    public ImmutableArray<PresenceMeta> Metas { get; }

    /// <summary>The most present status among the metas (see <see cref="PresenceStatusExtensions.Presence"/>).</summary>
    public PresenceStatus Status { get; }

    /// <summary>From the most recently changed meta, so a rename shows as soon as any tab reports it.</summary>
    public string DisplayName => Metas[^1].DisplayName;

    public string? AvatarColor => Metas[^1].AvatarColor;

    public int ConnectionCount => Metas.Length;

    public DateTimeOffset JoinedAt { get; }

    /// <summary>True while the key's last meta is gone but its leave is held back by the debounce.</summary>
    internal bool IsLeaving { get; }

    /// <summary>This user as everyone else sees them: without invisible metas; null when none is left.</summary>
    internal PresenceUser? Public { get; }

    /// <summary>
    /// Set while the key's last visible meta is gone but it still has invisible ones: everyone else keeps seeing the
    /// key as it was last shown until the leave debounce runs out or a visible meta comes back. Losing the last
    /// visible tab is a leave for them, so it is debounced like losing the last tab.
    /// </summary>
    internal PresenceUser? HeldPublic { get; }

    /// <summary>Whether every meta is invisible, so only the key itself sees it.</summary>
    internal bool IsHiddenFromOthers => Public is null;

    /// <summary>
    /// The rule "a viewer always sees themself": the key itself sees all its metas, everyone else <see cref="Public"/>.
    /// </summary>
    internal PresenceUser? VisibleTo(string viewerKey) => viewerKey == Key ? this : Public;

    /// <summary>
    /// How many users a viewer sees, from the users everyone sees and the viewer's own user (null if absent): the same
    /// rule as <see cref="VisibleTo"/>, so a viewer hidden from everyone else still counts themself.
    /// </summary>
    internal static int CountSeenBy(PresenceUser? viewer, int publicUserCount) =>
        publicUserCount + (viewer is { IsHiddenFromOthers: true } ? 1 : 0);

    internal static PresenceUser Create(string key, PresenceMeta meta) => new(key, [meta], isLeaving: false, isPublicProjection: false);

    internal PresenceUser With(PresenceMeta meta) => new(Key, Metas.Add(meta), isLeaving: false, isPublicProjection: false, HeldPublic);

    internal PresenceUser Without(PresenceMeta meta) =>
        new(Key, Metas.Remove(meta, ReferenceEqualityComparer.Instance), isLeaving: false, isPublicProjection: false, HeldPublic);

    internal PresenceUser Replacing(PresenceMeta old, PresenceMeta updated) =>
        new(Key, Metas.Remove(old, ReferenceEqualityComparer.Instance).Add(updated), IsLeaving, isPublicProjection: false, HeldPublic);

    internal PresenceUser AsLeaving() => new(Key, Metas, isLeaving: true, isPublicProjection: false, HeldPublic);

    /// <summary>This user, with others still shown <paramref name="shown"/> (see <see cref="HeldPublic"/>).</summary>
    internal PresenceUser Holding(PresenceUser shown) => new(Key, Metas, IsLeaving, isPublicProjection: false, shown);

    internal PresenceUser WithoutHeld() => new(Key, Metas, IsLeaving, isPublicProjection: false);

    internal PresenceMeta? FindLive(string nodeId, string connectionId)
    {
        if (IsLeaving)
        {
            return null;
        }
        foreach (var meta in Metas)
        {
            if (meta.IsConnection(nodeId, connectionId))
            {
                return meta;
            }
        }
        return null;
    }

    /// <summary>Whether the user-level view (what <see cref="PresenceEventKind.Updated"/> reports) differs.</summary>
    internal bool HasSameSummaryAs(PresenceUser other) =>
        Status == other.Status && DisplayName == other.DisplayName && AvatarColor == other.AvatarColor;

    /// <summary>Whether anyone could see a difference between the two: the same metas, and the same held-back public part.</summary>
    internal static bool SameState(PresenceUser? a, PresenceUser? b) =>
        SameMetas(a, b) && ReferenceEquals(a?.HeldPublic, b?.HeldPublic);

    internal static bool SameMetas(PresenceUser? a, PresenceUser? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a is null || b is null || a.Metas.Length != b.Metas.Length)
        {
            return false;
        }
        foreach (var meta in a.Metas)
        {
            if (!b.Contains(meta))
            {
                return false;
            }
        }
        return true;
    }

    internal bool Contains(PresenceMeta meta)
    {
        foreach (var mine in Metas)
        {
            if (ReferenceEquals(mine, meta))
            {
                return true;
            }
        }
        return false;
    }

    private PresenceUser? ProjectPublic()
    {
        var visible = 0;
        foreach (var meta in Metas)
        {
            visible += meta.IsVisibleToOthers ? 1 : 0;
        }
        if (visible == Metas.Length)
        {
            return this;
        }
        if (visible == 0)
        {
            return null;
        }
        return new PresenceUser(Key, Metas.Where(m => m.IsVisibleToOthers).ToImmutableArray(), IsLeaving, isPublicProjection: true);
    }
}
