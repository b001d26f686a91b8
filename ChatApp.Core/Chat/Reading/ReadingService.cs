using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatApp.Core.Chat.Reading;

/// <summary>
/// How far each person has read each room, and what is unread. A position only moves forward and never past the
/// room's newest message. A person with no position in a room starts at the room's newest message the first time
/// their rooms are counted (or they open it): what was said before the room reached their list is history, not
/// unread, so a new account does not find thousands of unread messages in the lobby.
/// </summary>
public sealed class ReadingService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider time)
{
    private static readonly IReadOnlyDictionary<int, UnreadCount> Nothing = new Dictionary<int, UnreadCount>();

    /// <summary>
    /// Unread messages are counted up to this many per room (the badge then says at least this many): counting 50,000
    /// unread rows took ~100 ms of a 100,000-message room's open; this many take a few.
    /// </summary>
    public const int UnreadCountLimit = 1_000;

    /// <summary>
    /// The unread and mention counts of every room the user may open, in one query (each count one index range from
    /// the read position). Rooms the user has no position in yet get one at their newest message first.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, UnreadCount>> CountAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await Actor.FindAsync(db, userId, time.GetUtcNow(), ct);
        if (actor is null)
        {
            return Nothing;
        }
        var counts = await Counts(db, actor).ToListAsync(ct);
        var unplaced = counts.Where(c => c.Position is null).ToList();
        if (unplaced.Count > 0)
        {
            foreach (var room in unplaced)
            {
                await StartAtAsync(db, userId, room.RoomId, room.Newest ?? 0, ct);
            }
            // Another tab may have placed them first (a little earlier): count from what is stored.
            counts = await Counts(db, actor).ToListAsync(ct);
        }
        return counts.ToDictionary(
            c => c.RoomId,
            c => new UnreadCount(c.RoomId, c.Position ?? c.Newest ?? 0, c.Unread, c.Mentions, c.Newest ?? 0));
    }

    /// <summary>The counts query on its own, for the index check (EXPLAIN QUERY PLAN) in the tests.</summary>
    internal static IQueryable<RoomCounts> Counts(ChatDbContext db, Actor actor)
    {
        var userId = actor.UserId;
        return ChatService.ReadableRooms(db, actor)
            .Select(r => new
            {
                RoomId = r.Id,
                Position = db.ReadPositions.Where(p => p.UserId == userId && p.RoomId == r.Id).Select(p => (long?)p.LastReadSeq).FirstOrDefault(),
                // The top of the (RoomId, Seq) index: one seek (MAX in a correlated subquery walks the room's range).
                Newest = db.Messages.Where(m => m.RoomId == r.Id).OrderByDescending(m => m.Seq).Select(m => (long?)m.Seq).FirstOrDefault(),
            })
            .Select(x => new RoomCounts(
                x.RoomId,
                x.Position,
                x.Newest,
                // No position yet: the comparison with null is false, so nothing counts until one is placed.
                // Counted up to a limit: each unread message is a row to look at, and a badge shows "99+" long before.
                db.Messages.Where(m => m.RoomId == x.RoomId && m.Seq > x.Position && m.AuthorId != userId && m.DeletedAt == null)
                    .Take(UnreadCountLimit).Count(),
                db.MessageMentions.Count(mm => mm.UserId == userId && mm.RoomId == x.RoomId && mm.Seq > x.Position && mm.Message!.DeletedAt == null)));
    }

    /// <summary>Where the user had read the room to, and its newest message number (the room's row: none if deleted).</summary>
    internal static IQueryable<RoomPosition> PositionAndNewest(ChatDbContext db, string userId, int roomId) =>
        db.Rooms
            .Where(r => r.Id == roomId)
            .Select(r => new RoomPosition(
                db.Messages.Where(m => m.RoomId == r.Id).OrderByDescending(m => m.Seq).Select(m => (long?)m.Seq).FirstOrDefault(),
                db.ReadPositions.Where(p => p.UserId == userId && p.RoomId == r.Id).Select(p => (long?)p.LastReadSeq).FirstOrDefault()));

    internal sealed record RoomPosition(long? Newest, long? Previous);

    internal sealed record RoomCounts(int RoomId, long? Position, long? Newest, int Unread, int Mentions);

    /// <summary>
    /// Marks the room read up to <paramref name="seq"/> (clamped to the room's newest message) for the access's user:
    /// the position only moves forward, whatever order several tabs' marks arrive in. When it moved, every tab of the
    /// user hears it (<see cref="ReadPositionMoved"/>) after it was saved.
    /// </summary>
    public async Task<ChatResult<ReadMark>> MarkReadAsync(RoomAccess access, long seq, CancellationToken ct = default)
    {
        if (access.IsRevoked)
        {
            return new ChatError(ChatErrorKind.NotAllowed, "You do not have access to this room.");
        }
        var (userId, roomId) = (access.UserId, access.RoomId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await MoveForwardAsync(db, userId, roomId, seq, ct) is not var (previous, target, moved))
        {
            return new ChatError(ChatErrorKind.NotFound, "There is no such room.");
        }
        if (moved)
        {
            bus.Publish(EventKey.User(userId), new ReadPositionMoved(userId, roomId, target));
        }
        return ChatResult<ReadMark>.Ok(new ReadMark(roomId, previous, Math.Max(target, previous ?? 0), moved));
    }

    /// <summary>
    /// Marks many rooms read at once (see <see cref="ReadMarks"/>): one transaction for all of them, each position
    /// clamped to its room's newest message and only moved forward; the moves are published after the commit.
    /// </summary>
    internal async Task MarkManyAsync(IEnumerable<ReadMarkWanted> marks, CancellationToken ct = default)
    {
        var moved = new List<ReadPositionMoved>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var (access, seq) in marks)
            {
                if (access.EndedBecause is { } ended && ended != RoomAccessEnd.Closed)
                {
                    // Taken away (not just the tab closed after reading): the user may no longer have the room.
                    continue;
                }
                if (await MoveForwardAsync(db, access.UserId, access.RoomId, seq, ct) is (_, var target, true))
                {
                    moved.Add(new ReadPositionMoved(access.UserId, access.RoomId, target));
                }
            }
            await transaction.CommitAsync(ct);
        }
        foreach (var move in moved)
        {
            bus.Publish(EventKey.User(move.UserId), move);
        }
    }

    /// <summary>
    /// Moves the user's position in the room forward to <paramref name="seq"/>, clamped to the room's newest message:
    /// where it was, where it is now asked to be, and whether it moved; null when there is no such room.
    /// </summary>
    private static async Task<(long? Previous, long Target, bool Moved)?> MoveForwardAsync(
        ChatDbContext db, string userId, int roomId, long seq, CancellationToken ct)
    {
        // Where the reader was and the room's newest number, in one round trip (two index lookups).
        var now = await PositionAndNewest(db, userId, roomId).FirstOrDefaultAsync(ct);
        if (now is null)
        {
            return null;
        }
        var target = Math.Clamp(seq, 0, now.Newest ?? 0);
        // One statement, so two tabs marking at once cannot move it backwards: the update applies only if forward.
        // (Nothing to write when it is there already: another tab of the room opening costs one query, not two.)
        var moved = target > (now.Previous ?? -1) && await UpsertForwardAsync(db, userId, roomId, target, onlyIfMissing: false, ct) > 0;
        return (now.Previous, target, moved);
    }

    private static Task StartAtAsync(ChatDbContext db, string userId, int roomId, long seq, CancellationToken ct) =>
        UpsertForwardAsync(db, userId, roomId, seq, onlyIfMissing: true, ct);

    /// <summary>INSERT ... ON CONFLICT, which SQLite and PostgreSQL both speak; names come from the model.</summary>
    private static Task<int> UpsertForwardAsync(ChatDbContext db, string userId, int roomId, long seq, bool onlyIfMissing, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(ReadPosition))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!);
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var (user, room, last) = (Column(nameof(ReadPosition.UserId)), Column(nameof(ReadPosition.RoomId)), Column(nameof(ReadPosition.LastReadSeq)));
        var onConflict = onlyIfMissing
            ? "DO NOTHING"
            : $"DO UPDATE SET {last} = excluded.{last} WHERE {table}.{last} < excluded.{last}";
        // Only identifiers of the model are put in the text; the values go as parameters.
        var statement = $"INSERT INTO {table} ({user}, {room}, {last}) VALUES ({{0}}, {{1}}, {{2}}) ON CONFLICT ({user}, {room}) {onConflict}";
        return db.Database.ExecuteSqlRawAsync(statement, [userId, roomId, seq], ct);
    }
}
