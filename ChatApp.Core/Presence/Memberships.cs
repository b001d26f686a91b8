namespace ChatApp.Core.Presence;

/// <summary>
/// A connection's memberships. Most connections are in one or two topics (the site and the room shown), so the first
/// is held inline: tracking a tab allocates no list. A mutable struct, changed in place in its connection's registry
/// entry (copies are only read). Not thread-safe: its registry shard's lock guards it.
/// </summary>
internal struct Memberships
{
    // No flag beside it: a default membership (null topic) means none. Tracking pays for every byte here.
    private ConnectionRegistry.Membership first;
    private List<ConnectionRegistry.Membership>? more;

    private readonly bool hasFirst => first.Topic is not null;

    public readonly int Count => (hasFirst ? 1 : 0) + (more?.Count ?? 0);

    public void Add(ConnectionRegistry.Membership membership)
    {
        if (!hasFirst)
        {
            first = membership;
        }
        else
        {
            (more ??= new(2)).Add(membership);
        }
    }

    public void Remove(ConnectionRegistry.Membership membership)
    {
        if (hasFirst && first == membership)
        {
            if (more is { Count: > 0 })
            {
                first = more[^1];
                more.RemoveAt(more.Count - 1);
            }
            else
            {
                first = default;
            }
        }
        else
        {
            more?.Remove(membership);
        }
    }

    public readonly ConnectionRegistry.Membership[] ToArray()
    {
        if (!hasFirst)
        {
            return [];
        }
        if (more is not { Count: > 0 })
        {
            return [first];
        }
        return [first, .. more];
    }
}
