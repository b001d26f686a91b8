using System.Linq.Expressions;
using ChatApp.Core.Chat.Content;
using ChatApp.Core.Data;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat;

/// <summary>
/// Rooms and messages as seen by one signed-in user. Every rule is checked here from the user id;
/// the UI only mirrors it.
/// </summary>
public sealed partial class ChatService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    ISendRateLimiter rateLimiter,
    RoomAccessRegistry registry,
    RoomHistoryCache history,
    MessageContent content,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ChatMetrics metrics,
    InFlightSends inFlight)
{
    public const string AdminRole = "Admin";

    private static readonly ChatError NotAllowed = new(ChatErrorKind.NotAllowed, "You are not allowed to do that.");
    private static readonly ChatError RoomNotFound = new(ChatErrorKind.NotFound, "There is no such room.");
    private const int MaxNumberingAttempts = 5;

    private static readonly ChatError RoomDenied = new(ChatErrorKind.NotAllowed, "You do not have access to this room.");

    public async Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await Actor.FindAsync(db, userId, time.GetUtcNow(), ct);
        if (actor is null)
        {
            return [];
        }
        return await VisibleRooms(db, actor)
            .OrderBy(r => r.Name)
            .Select(r => new RoomSummary(r.Id, r.Slug, r.Name, r.Topic, r.IsPrivate, r.IsArchived))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Opens the room for the user if they may open it: the one access check behind reading, presence and typing,
    /// which take the returned <see cref="RoomAccess"/> and do not check again. Dispose it when the room is no longer
    /// shown.
    /// </summary>
    public Task<ChatResult<RoomAccess>> OpenRoomAsync(string userId, string slug, CancellationToken ct = default) =>
        OpenRoomAsync(userId, r => r.Slug == slug, ct);

    /// <inheritdoc cref="OpenRoomAsync(string, string, CancellationToken)"/>
    public Task<ChatResult<RoomAccess>> OpenRoomAsync(string userId, int roomId, CancellationToken ct = default) =>
        OpenRoomAsync(userId, r => r.Id == roomId, ct);

    private async Task<ChatResult<RoomAccess>> OpenRoomAsync(string userId, Expression<Func<Room, bool>> which, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A revocation that arrives while the check runs may have been decided on data the check did not see yet.
        var generation = registry.Generation;
        var (room, actor, error) = await AuthorizeRoomAsync(db, userId, which, ct);
        if (room is null)
        {
            return error!;
        }
        var access = new RoomAccess(ToSummary(room), userId, actor!.DisplayName, actor.IsAdmin, registry);
        registry.Add(access);
        if (registry.Generation != generation)
        {
            // Registered now, so a later revocation finds it; an earlier one was saved before this second look.
            (room, _, error) = await AuthorizeRoomAsync(db, userId, r => r.Id == access.RoomId, ct);
            if (room is null)
            {
                registry.End(access, RoomAccessEnd.AccessLost);
                return error!;
            }
        }
        return ChatResult<RoomAccess>.Ok(access);
    }

    /// <summary>Revokes the access (found no longer to hold); its holders react.</summary>
    internal void EndAccess(RoomAccess access, RoomAccessEnd why) => registry.End(access, why);

    /// <summary>
    /// Why the access no longer holds, checked in the database as a fresh open would; null if it still holds. For
    /// the revocation handler after a gap.
    /// </summary>
    internal async Task<RoomAccessEnd?> CheckAgainAsync(RoomAccess access, CancellationToken ct = default)
    {
        if (access.EndedBecause is { } ended)
        {
            return ended;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, actor, error) = await AuthorizeRoomAsync(db, access.UserId, r => r.Id == access.RoomId, ct);
        return room is not null ? null
            : actor is null ? RoomAccessEnd.AccountClosed
            : error!.Kind == ChatErrorKind.NotFound ? RoomAccessEnd.RoomDeleted
            : RoomAccessEnd.AccessLost;
    }

    /// <summary>One send, counted by <see cref="SendAsync"/> (ChatService.Shutdown.cs).</summary>
    private async Task<ChatResult<MessageView>> SendOnceAsync(
        string userId, int roomId, Guid clientMessageId, string? text, CancellationToken ct = default)
    {
        var (normalized, invalid) = MessageRules.Normalize(text, options.Value.MaxMessageLength);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, author, error) = await AuthorizeRoomAsync(db, userId, r => r.Id == roomId, ct);
        if (room is null)
        {
            return error!;
        }
        if (room.IsArchived)
        {
            return new ChatError(ChatErrorKind.Archived, "This room is archived: it can be read but not written to.");
        }

        var earlier = await FindSentAsync(db, userId, clientMessageId, ct);
        if (earlier is not null)
        {
            return ChatResult<MessageView>.Ok(earlier);
        }

        if (await TakeSendPermitAsync(userId, ct) is not { } permit)
        {
            return TooFast("messages");
        }

        MessageView view;
        bool stored;
        PreparedText prepared;
        var saving = time.GetTimestamp();
        try
        {
            prepared = await content.PrepareAsync(db, roomId, userId, normalized!, ct);
            if (prepared.Refused is { } refused)
            {
                await rateLimiter.RefundAsync(permit);
                return refused;
            }
            (view, stored) = await SaveNumberedAsync(db, roomId, author!, clientMessageId, prepared, ct);
        }
        catch
        {
            // Nothing was stored: a failure must not also cost the user part of their sending budget.
            await rateLimiter.RefundAsync(permit);
            throw;
        }
        if (!stored)
        {
            // Another tab's retry of the same send stored it: that one paid for it.
            await rateLimiter.RefundAsync(permit);
            return ChatResult<MessageView>.Ok(view);
        }
        bus.Publish(EventKey.Room(roomId), new MessageSaved(view, [.. prepared.MentionedUserIds.Distinct(StringComparer.Ordinal)]));
        metrics.SendDuration.Record(time.GetElapsedTime(saving).TotalSeconds);
        metrics.MessagesSent.Add(1);
        MessageContent.AnnounceMentions(bus, room, view, prepared);
        return ChatResult<MessageView>.Ok(view);
    }

    /// <summary>
    /// A permit from the user's send budget, which sends and edits share (an edit reaches every tab as a message
    /// does); null when it is spent, counted as a refusal of the send limit.
    /// </summary>
    private async ValueTask<SendPermit?> TakeSendPermitAsync(string userId, CancellationToken ct)
    {
        var permit = await rateLimiter.TryAcquireAsync(userId, ct);
        if (permit is null)
        {
            metrics.Refused(ChatMetrics.Limits.Send);
        }
        return permit;
    }

    private ChatError TooFast(string what) => new(ChatErrorKind.TooFast,
        $"You are sending too fast: at most {options.Value.SendLimitCount} {what} every {options.Value.SendLimitWindow.TotalSeconds:0} seconds. Wait a moment and try again.");

    /// <summary>
    /// Stores the message under the room's next sequence number. The transaction makes reading the highest number and
    /// inserting the next one a unit (SQLite takes its write lock at the start, PostgreSQL a lock on the room); the
    /// unique index (RoomId, Seq) refuses a duplicate wherever a database lets two writers read the same maximum, and
    /// such a loser tries again.
    /// </summary>
    private async Task<(MessageView View, bool Stored)> SaveNumberedAsync(
        ChatDbContext db, int roomId, Actor author, Guid clientMessageId, PreparedText prepared, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginRoomWriteTransactionAsync(roomId, ct);
            var last = await db.Messages.Where(m => m.RoomId == roomId).MaxAsync(m => (long?)m.Seq, ct) ?? 0;
            var message = new ChatMessage
            {
                RoomId = roomId,
                Seq = last + 1,
                AuthorId = author.UserId,
                Text = prepared.Stored,
                SentAt = time.GetUtcNow(),
                ClientMessageId = clientMessageId,
            };
            // The mentions carry the room and number, so a person's unread mentions are one index range.
            message.Mentions.AddRange(prepared.MentionedUserIds.Distinct(StringComparer.Ordinal).Select(id =>
                new MessageMention { UserId = id, RoomId = roomId, Seq = message.Seq }));
            db.Messages.Add(message);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return (new MessageView(message.Seq, roomId, clientMessageId, author.UserId, author.DisplayName, prepared.Stored, message.SentAt), true);
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                // Two tabs retrying the same send at once: the unique index let one in, the other returns it.
                var raced = await FindSentAsync(db, author.UserId, clientMessageId, ct);
                if (raced is not null)
                {
                    return (raced, false);
                }
                if (attempt == MaxNumberingAttempts)
                {
                    throw;
                }
            }
        }
    }

    private static Task<MessageView?> FindSentAsync(ChatDbContext db, string userId, Guid clientMessageId, CancellationToken ct) =>
        db.Messages
            .Where(m => m.AuthorId == userId && m.ClientMessageId == clientMessageId)
            .Select(ToView)
            .SingleOrDefaultAsync(ct);

    private static readonly Expression<Func<ChatMessage, MessageView>> ToView =
        m => new MessageView(
            m.Seq, m.RoomId, m.ClientMessageId, m.AuthorId, m.Author!.DisplayName, m.Text, m.SentAt, m.EditedAt, m.DeletedAt != null);

    /// <summary>
    /// Whether the user may open the room, in one query (the room with the user's lock, role and membership beside
    /// it); a second one only when there is no such room, to tell an unknown room from a user who may do nothing.
    /// </summary>
    private async Task<(Room? Room, Actor? Actor, ChatError? Error)> AuthorizeRoomAsync(
        ChatDbContext db, string userId, Expression<Func<Room, bool>> which, CancellationToken ct)
    {
        var found = await db.Rooms.AsNoTracking().Where(which)
            .Select(r => new
            {
                Room = r,
                UserName = db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefault(),
                LockReason = db.Users.Where(u => u.Id == userId).Select(u => u.LockReason).FirstOrDefault(),
                LockoutEnd = db.Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).FirstOrDefault(),
                IsAdmin = db.UserRoles.Any(ur => ur.UserId == userId && db.Roles.Any(x => x.Id == ur.RoleId && x.Name == AdminRole)),
                IsMember = db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == userId),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            var someone = await Actor.FindAsync(db, userId, time.GetUtcNow(), ct);
            return (null, someone, someone is null ? NotAllowed : RoomNotFound);
        }
        if (found.UserName is null || !Actor.MayAct(found.LockReason, found.LockoutEnd, time.GetUtcNow()))
        {
            return (null, null, NotAllowed);
        }
        var actor = new Actor(userId, found.UserName, found.IsAdmin);
        // A direct conversation is the two people's only: being an administrator opens no one's private messages.
        var mayOpen = found.Room.IsDirect ? found.IsMember : !found.Room.IsPrivate || actor.IsAdmin || found.IsMember;
        return mayOpen ? (found.Room, actor, null) : (null, actor, RoomDenied);
    }

    // Direct conversations are listed apart (DirectMessages.ListAsync), never among the rooms.
    internal static IQueryable<Room> VisibleRooms(ChatDbContext db, Actor actor) =>
        actor.IsAdmin
            ? db.Rooms.Where(r => !r.IsDirect)
            : db.Rooms.Where(r => !r.IsDirect && (!r.IsPrivate || db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == actor.UserId)));

    /// <summary>Every room the user may read: the visible rooms and their own direct conversations (unread counts).</summary>
    internal static IQueryable<Room> ReadableRooms(ChatDbContext db, Actor actor) =>
        actor.IsAdmin
            ? db.Rooms.Where(r => !r.IsDirect || db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == actor.UserId))
            : db.Rooms.Where(r => (!r.IsPrivate && !r.IsDirect) || db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == actor.UserId));

    private static RoomSummary ToSummary(Room r) => new(r.Id, r.Slug, r.Name, r.Topic, r.IsPrivate, r.IsArchived, r.IsDirect);
}
