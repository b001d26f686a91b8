using System.Collections.Immutable;

namespace ChatApp.Core.Presence;

/// <summary>
/// Phoenix's diff shape: metas that joined and metas that left, keyed by user. A changed meta travels as a leave of
/// its old version plus a join of its new one, and is also listed in <see cref="Updates"/>.
/// </summary>
public sealed record PresenceDiff(
    IReadOnlyDictionary<string, ImmutableArray<PresenceMeta>> Joins,
    IReadOnlyDictionary<string, ImmutableArray<PresenceMeta>> Leaves,
    ImmutableArray<PresenceMetaUpdate> Updates)
{
    public bool IsEmpty => Joins.Count == 0 && Leaves.Count == 0;
}

/// <summary>
/// One connection's meta replaced by a newer one. In a coalesced diff <see cref="Before"/> is the meta the subscriber
/// last saw, which may be older than <see cref="After"/>'s <see cref="PresenceMeta.PrevRef"/>.
/// </summary>
public sealed record PresenceMetaUpdate(string Key, PresenceMeta Before, PresenceMeta After);
