using System.Linq.Expressions;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat;

/// <summary>
/// Rooms and messages as seen by one signed-in user. Every rule is checked here from the user id;
/// the UI only mirrors it.
/// </summary>
public sealed class ChatService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    SendRateLimiter rateLimiter,
    IOptions<ChatOptions> options,
    TimeProvider time)
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

    public Task<ChatResult<RoomSummary>> OpenRoomAsync(string userId, string slug, CancellationToken ct = default) =>
        OpenRoomAsync(userId, r => r.Slug == slug, ct);

    /// <summary>The room if the user may open it: the one check behind reading, sending, presence and typing.</summary>
    public Task<ChatResult<RoomSummary>> OpenRoomAsync(string userId, int roomId, CancellationToken ct = default) =>
        OpenRoomAsync(userId, r => r.Id == roomId, ct);

    private async Task<ChatResult<RoomSummary>> OpenRoomAsync(string userId, Expression<Func<Room, bool>> which, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, _, error) = await AuthorizeRoomAsync(db, userId, which, ct);
        return room is null ? error! : ChatResult<RoomSummary>.Ok(ToSummary(room));
    }

    /// <summary>One page of the room's history, oldest first: the newest, or those numbered before <paramref name="beforeSeq"/>.</summary>
    public async Task<ChatResult<MessagePage>> GetHistoryAsync(
        string userId, int roomId, long? beforeSeq = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, _, error) = await AuthorizeRoomAsync(db, userId, r => r.Id == roomId, ct);
        if (room is null)
        {
            return error!;
        }

        var pageSize = options.Value.HistoryPageSize;
        var newestFirst = await db.Messages
            .Where(m => m.RoomId == roomId && (beforeSeq == null || m.Seq < beforeSeq))
            .OrderByDescending(m => m.Seq)
            .Take(pageSize + 1)
            .Select(ToView)
            .ToListAsync(ct);

        var hasOlder = newestFirst.Count > pageSize;
        var page = newestFirst.Take(pageSize).Reverse().ToList();
        return ChatResult<MessagePage>.Ok(new MessagePage(page, hasOlder));
    }

    /// <summary>
    /// Saves the message and only then announces it. Sending the same <paramref name="clientMessageId"/>
    /// again returns the stored message without saving or announcing it twice.
    /// </summary>
    public async Task<ChatResult<MessageView>> SendAsync(
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

        if (rateLimiter.TryAcquire(userId) is not { } permit)
        {
            return new ChatError(ChatErrorKind.TooFast,
                $"You are sending too fast: at most {options.Value.SendLimitCount} messages every {options.Value.SendLimitWindow.TotalSeconds:0} seconds. Wait a moment and try again.");
        }

        MessageView view;
        bool stored;
        try
        {
            (view, stored) = await SaveNumberedAsync(db, roomId, author!, clientMessageId, normalized!, ct);
        }
        catch
        {
            // Nothing was stored: a failure must not also cost the user part of their sending budget.
            rateLimiter.Refund(permit);
            throw;
        }
        if (!stored)
        {
            // Another tab's retry of the same send stored it: that one paid for it.
            rateLimiter.Refund(permit);
            return ChatResult<MessageView>.Ok(view);
        }
        bus.Publish(EventKey.Room(roomId), new MessageSaved(view));
        return ChatResult<MessageView>.Ok(view);
    }

    /// <summary>
    /// Stores the message under the room's next sequence number. The transaction makes reading the highest number and
    /// inserting the next one a unit (SQLite takes its write lock at the start); the unique index (RoomId, Seq) refuses
    /// a duplicate wherever a database lets two writers read the same maximum, and such a loser tries again.
    /// </summary>
    private async Task<(MessageView View, bool Stored)> SaveNumberedAsync(
        ChatDbContext db, int roomId, Actor author, Guid clientMessageId, string text, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var last = await db.Messages.Where(m => m.RoomId == roomId).MaxAsync(m => (long?)m.Seq, ct) ?? 0;
            var message = new ChatMessage
            {
                RoomId = roomId,
                Seq = last + 1,
                AuthorId = author.UserId,
                Text = text,
                SentAt = time.GetUtcNow(),
                ClientMessageId = clientMessageId,
            };
            db.Messages.Add(message);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return (new MessageView(message.Seq, roomId, clientMessageId, author.UserId, author.DisplayName, text, message.SentAt), true);
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

    /// <summary>
    /// Every message saved in the room from now on, for a user who may open it. If the bus announces that messages
    /// may have been lost, the missed ones are read from the database and handed over the same way (a tab keeps
    /// each message once, so one that arrives by both paths shows once).
    /// </summary>
    public async Task<ChatResult<IDisposable>> WatchRoomAsync(
        string userId, int roomId, Func<MessageView, Task> onMessage, CancellationToken ct = default)
    {
        var access = await OpenRoomAsync(userId, roomId, ct);
        if (!access.Succeeded)
        {
            return access.Error!;
        }
        var watch = new RoomMessageWatch(this, userId, roomId, onMessage);
        return ChatResult<IDisposable>.Ok(bus.Subscribe<MessageSaved>(EventKey.Room(roomId), watch.OnSavedAsync, watch.ResyncAsync));
    }

    /// <summary>
    /// The messages after <paramref name="afterSeq"/> (the newest page when null), oldest first, at most as many as a
    /// tab keeps; empty if the user may no longer open the room.
    /// </summary>
    internal async Task<IReadOnlyList<MessageView>> MessagesAfterAsync(string userId, int roomId, long? afterSeq, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, _, _) = await AuthorizeRoomAsync(db, userId, r => r.Id == roomId, ct);
        if (room is null)
        {
            return [];
        }
        var limit = afterSeq is null ? options.Value.HistoryPageSize : options.Value.MaxMessagesInView;
        var newestFirst = await db.Messages
            .Where(m => m.RoomId == roomId && (afterSeq == null || m.Seq > afterSeq))
            .OrderByDescending(m => m.Seq)
            .Take(limit)
            .Select(ToView)
            .ToListAsync(ct);
        newestFirst.Reverse();
        return newestFirst;
    }

    private static Task<MessageView?> FindSentAsync(ChatDbContext db, string userId, Guid clientMessageId, CancellationToken ct) =>
        db.Messages
            .Where(m => m.AuthorId == userId && m.ClientMessageId == clientMessageId)
            .Select(ToView)
            .SingleOrDefaultAsync(ct);

    private static readonly Expression<Func<ChatMessage, MessageView>> ToView =
        m => new MessageView(m.Seq, m.RoomId, m.ClientMessageId, m.AuthorId, m.Author!.DisplayName, m.Text, m.SentAt);

    private async Task<(Room? Room, Actor? Actor, ChatError? Error)> AuthorizeRoomAsync(
        ChatDbContext db, string userId, Expression<Func<Room, bool>> which, CancellationToken ct)
    {
        var actor = await Actor.FindAsync(db, userId, time.GetUtcNow(), ct);
        if (actor is null)
        {
            return (null, null, NotAllowed);
        }
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(which, ct);
        if (room is null)
        {
            return (null, actor, RoomNotFound);
        }
        var mayOpen = !room.IsPrivate || actor.IsAdmin
            || await db.RoomMembers.AnyAsync(m => m.RoomId == room.Id && m.UserId == userId, ct);
        return mayOpen ? (room, actor, null) : (null, actor, RoomDenied);
    }

    private static IQueryable<Room> VisibleRooms(ChatDbContext db, Actor actor) =>
        actor.IsAdmin
            ? db.Rooms
            : db.Rooms.Where(r => !r.IsPrivate || db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == actor.UserId));

    private static RoomSummary ToSummary(Room r) => new(r.Id, r.Slug, r.Name, r.Topic, r.IsPrivate, r.IsArchived);
}
