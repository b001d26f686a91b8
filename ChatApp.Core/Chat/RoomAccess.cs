namespace ChatApp.Core.Chat;

/// <summary>Why a <see cref="RoomAccess"/> ended.</summary>
public enum RoomAccessEnd
{
    /// <summary>Its holder let it go (the room is no longer shown); nothing was taken away.</summary>
    Closed,

    /// <summary>The user may no longer open the room: removed from a private room, or no longer an administrator.</summary>
    AccessLost,

    /// <summary>The room was deleted.</summary>
    RoomDeleted,

    /// <summary>The account was locked or closed: it may open nothing.</summary>
    AccountClosed,
}

/// <summary>
/// Proof that this user may read and write this room, checked in the database when the room was opened
/// (<see cref="ChatService.OpenRoomAsync(string, string, CancellationToken)"/>; only Core can make one). History,
/// the message watch and its resync, room presence and typing take it instead of a user id and a room id, and do
/// not check again.
/// <para><b>The rule.</b> Reads trust the capability while it is not revoked: loading older history, the live
/// messages, the resync after a gap, presence and typing. Writes do not: sending a message checks in the database
/// at send time (one query), so a member removed while a revocation event was lost still cannot write.</para>
/// <para><b>Revocation.</b> One Core handler (<see cref="RoomAccessRevocations"/>) revokes the live accesses of this
/// node on the administrative events: a member removed from a private room, a room deleted, an account locked or
/// closed, Admin revoked from someone who is not a member of a private room; after a gap on those events it checks
/// every live access again in the database. A revoked access stays revoked (open the room again for a new one);
/// <see cref="Revoked"/> is cancelled and every holder reacts: the message watch stops delivering, typing refuses
/// and drops the user's indicator, presence evicts the user from the room at once, the view shows why.
/// <see cref="Dispose"/> ends it too (<see cref="RoomAccessEnd.Closed"/>), which releases what was bound to it.</para>
/// </summary>
public sealed class RoomAccess : IDisposable
{
    private readonly CancellationTokenSource revoked = new();
    private readonly RoomAccessRegistry registry;
    private readonly Lock gate = new();
    private readonly HashSet<object> reactions = [];
    private int ended;
    private RoomAccessEnd? endedBecause;

    internal RoomAccess(RoomSummary room, string userId, string displayName, bool isAdmin, RoomAccessRegistry registry)
    {
        (Room, UserId, DisplayName, IsAdmin, this.registry) = (room, userId, displayName, isAdmin, registry);
    }

    /// <summary>The room as it was when opened.</summary>
    public RoomSummary Room { get; }

    public int RoomId => Room.Id;

    public string UserId { get; }

    public string DisplayName { get; }

    /// <summary>Whether the user was an administrator when the room was opened.</summary>
    internal bool IsAdmin { get; }

    /// <summary>Cancelled once, when the access is revoked or disposed; <see cref="EndedBecause"/> says which.</summary>
    public CancellationToken Revoked => revoked.Token;

    public bool IsRevoked => revoked.IsCancellationRequested;

    /// <summary>Null while the access holds.</summary>
    public RoomAccessEnd? EndedBecause => Volatile.Read(ref ended) == 0 ? null : endedBecause;

    /// <summary>
    /// Runs <paramref name="react"/> when the access ends, once per <paramref name="owner"/> however often it asks
    /// (a tab entering presence again after an outage). At once if it has ended already.
    /// </summary>
    internal void OnceWhenEnded(object owner, Action<RoomAccessEnd> react)
    {
        lock (gate)
        {
            if (!reactions.Add(owner))
            {
                return;
            }
        }
        revoked.Token.Register(() => react(endedBecause!.Value));
    }

    /// <summary>Disposes <paramref name="subscription"/> when the access ends; disposing the result undoes both.</summary>
    internal IDisposable Bind(IDisposable subscription)
    {
        var registration = revoked.Token.Register(subscription.Dispose);
        return new Binding(subscription, registration);
    }

    /// <summary>Ends the access; false if it had ended already. Reactions run on this thread.</summary>
    internal bool End(RoomAccessEnd why)
    {
        if (Interlocked.CompareExchange(ref ended, 1, 0) != 0)
        {
            return false;
        }
        endedBecause = why;
        registry.Remove(this);
        revoked.Cancel();
        return true;
    }

    /// <summary>The holder lets the access go: what was bound to it is released, nothing is taken from the user.</summary>
    public void Dispose() => registry.End(this, RoomAccessEnd.Closed);

    public override string ToString() => $"RoomAccess(room {RoomId}, user {UserId}{(IsRevoked ? $", ended: {endedBecause}" : "")})";

    private sealed class Binding(IDisposable subscription, CancellationTokenRegistration registration) : IDisposable
    {
        public void Dispose()
        {
            registration.Dispose();
            subscription.Dispose();
        }
    }
}
