using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Chat;

/// <summary>
/// The live <see cref="RoomAccess"/>es of this node, by user, so that a revocation finds them. Thread-safe: opened,
/// disposed and revoked from many circuits at once. <see cref="Generation"/> grows with every revocation, so an
/// open that raced one checks again (see <see cref="ChatService"/>).
/// </summary>
public sealed class RoomAccessRegistry(ILogger<RoomAccessRegistry> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<RoomAccess>> byUser = new(StringComparer.Ordinal);
    private long generation;

    internal long Generation => Interlocked.Read(ref generation);

    /// <summary>Live accesses (not revoked, not disposed).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return byUser.Values.Sum(s => s.Count);
            }
        }
    }

    internal void Add(RoomAccess access)
    {
        lock (gate)
        {
            if (!byUser.TryGetValue(access.UserId, out var accesses))
            {
                accesses = [];
                byUser.Add(access.UserId, accesses);
            }
            accesses.Add(access);
        }
    }

    internal void Remove(RoomAccess access)
    {
        lock (gate)
        {
            if (byUser.TryGetValue(access.UserId, out var accesses) && accesses.Remove(access) && accesses.Count == 0)
            {
                byUser.Remove(access.UserId);
            }
        }
    }

    /// <summary>Every live access of the user (to one of <paramref name="roomIds"/> when given) ends.</summary>
    internal void RevokeUser(string userId, RoomAccessEnd why, IReadOnlyCollection<int>? roomIds = null)
    {
        Interlocked.Increment(ref generation);
        List<RoomAccess> hit;
        lock (gate)
        {
            hit = byUser.TryGetValue(userId, out var accesses)
                ? accesses.Where(a => roomIds is null || roomIds.Contains(a.RoomId)).ToList()
                : [];
        }
        hit.ForEach(a => End(a, why));
    }

    /// <summary>Every live access to the room ends (it was deleted).</summary>
    internal void RevokeRoom(int roomId, RoomAccessEnd why)
    {
        Interlocked.Increment(ref generation);
        End(Live().Where(a => a.RoomId == roomId), why);
    }

    /// <summary>A snapshot of the live accesses.</summary>
    internal IReadOnlyList<RoomAccess> Live()
    {
        lock (gate)
        {
            return byUser.Values.SelectMany(s => s).ToList();
        }
    }

    internal void BeginRevocation() => Interlocked.Increment(ref generation);

    internal void End(IEnumerable<RoomAccess> accesses, RoomAccessEnd why)
    {
        foreach (var access in accesses.ToList())
        {
            End(access, why);
        }
    }

    /// <summary>Ends one access; a holder's reaction that throws is logged and does not stop the others.</summary>
    internal void End(RoomAccess access, RoomAccessEnd why)
    {
        try
        {
            access.End(why);
        }
        catch (AggregateException ex)
        {
            logger.LogWarning(ex, "A holder of {Access} failed to react to its end", access);
        }
    }
}
