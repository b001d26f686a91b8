using System.Linq.Expressions;
using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat;

/// <summary>
/// Rooms and messages as seen by one signed-in user. Every rule is checked here from the user id;
/// the UI only mirrors it.
/// </summary>
public sealed class ChatService(
    IDbContextFactory<ChatDbContext> dbFactory,
    ChatEventBus bus,
    SendRateLimiter rateLimiter,
    IOptions<ChatOptions> options,
    TimeProvider time)
{
    public const string AdminRole = "Admin";

    private static readonly ChatError NotAllowed = new(ChatErrorKind.NotAllowed, "You are not allowed to do that.");
    private static readonly ChatError RoomNotFound = new(ChatErrorKind.NotFound, "There is no such room.");
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

    public async Task<ChatResult<MessagePage>> GetHistoryAsync(
        string userId, int roomId, long? beforeMessageId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, _, error) = await AuthorizeRoomAsync(db, userId, r => r.Id == roomId, ct);
        if (room is null)
        {
            return error!;
        }

        var pageSize = options.Value.HistoryPageSize;
        var newestFirst = await db.Messages
            .Where(m => m.RoomId == roomId && (beforeMessageId == null || m.Id < beforeMessageId))
            .OrderByDescending(m => m.Id)
            .Take(pageSize + 1)
            .Select(m => new MessageView(m.Id, m.RoomId, m.ClientMessageId, m.AuthorId, m.Author!.DisplayName, m.Text, m.SentAt))
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

        if (!rateLimiter.TryAcquire(userId))
        {
            return new ChatError(ChatErrorKind.TooFast,
                $"You are sending too fast: at most {options.Value.SendLimitCount} messages every {options.Value.SendLimitWindow.TotalSeconds:0} seconds. Wait a moment and try again.");
        }

        var message = new ChatMessage
        {
            RoomId = roomId,
            AuthorId = userId,
            Text = normalized!,
            SentAt = time.GetUtcNow(),
            ClientMessageId = clientMessageId,
        };
        db.Messages.Add(message);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs retrying the same send at once: the unique index let one in, the other returns it.
            db.ChangeTracker.Clear();
            var raced = await FindSentAsync(db, userId, clientMessageId, ct);
            if (raced is null)
            {
                throw;
            }
            return ChatResult<MessageView>.Ok(raced);
        }

        var view = new MessageView(message.Id, roomId, clientMessageId, userId, author!.DisplayName, message.Text, message.SentAt);
        bus.Publish(view);
        return ChatResult<MessageView>.Ok(view);
    }

    /// <summary>Every message saved in the room from now on, for a user who may open it.</summary>
    public async Task<ChatResult<IDisposable>> WatchRoomAsync(
        string userId, int roomId, Func<MessageView, Task> onMessage, CancellationToken ct = default)
    {
        var access = await OpenRoomAsync(userId, roomId, ct);
        return access.Succeeded ? ChatResult<IDisposable>.Ok(bus.SubscribeToRoom(roomId, onMessage)) : access.Error!;
    }

    private static Task<MessageView?> FindSentAsync(ChatDbContext db, string userId, Guid clientMessageId, CancellationToken ct) =>
        db.Messages
            .Where(m => m.AuthorId == userId && m.ClientMessageId == clientMessageId)
            .Select(m => new MessageView(m.Id, m.RoomId, m.ClientMessageId, m.AuthorId, m.Author!.DisplayName, m.Text, m.SentAt))
            .SingleOrDefaultAsync(ct);

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
