using System.Security.Cryptography;
using System.Text;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Chat.Direct;

/// <summary>
/// Direct conversations: a private room of two people (or of one, writing notes to oneself, as Slack allows). The
/// room is an ordinary room underneath (messages, presence, typing, read positions work as in any room) marked
/// <see cref="Room.IsDirect"/>: only its two members may open it, administrators included (see
/// <c>ChatService.AuthorizeRoomAsync</c>), and neither the room lists nor the administration pages show it.
/// </summary>
public sealed class DirectMessages(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider time)
{
    /// <summary>
    /// The start of every direct conversation's address. A room's address may hold lower-case letters, digits and
    /// dashes only (RoomRules), so no room an administrator makes can ever take a conversation's address.
    /// </summary>
    public const string SlugPrefix = "dm_";

    /// <summary>The stored name; people see the other person's name instead.</summary>
    public const string RoomName = "Direct message";

    private static readonly ChatError NotAllowed = new(ChatErrorKind.NotAllowed, "You are not allowed to do that.");
    private static readonly ChatError NobodyToWrite = new(ChatErrorKind.NotFound,
        "You cannot write to this person: the account does not exist, is locked, or was closed.");

    /// <summary>The two ids in ordinal order joined by '|': the same for both people, whoever starts.</summary>
    public static string KeyOf(string userId, string otherUserId) =>
        string.CompareOrdinal(userId, otherUserId) <= 0 ? $"{userId}|{otherUserId}" : $"{otherUserId}|{userId}";

    /// <summary>
    /// The conversation's address, from its key: the same pair always gets the same one, and it tells nothing about
    /// who the two people are.
    /// </summary>
    public static string SlugOf(string directKey) =>
        SlugPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directKey)), 0, 16);

    /// <summary>
    /// Opens the conversation between the signed-in user and <paramref name="otherUserId"/>, starting it if there is
    /// none yet. A new one needs the other person's account to be active (not locked, not closed); an existing one
    /// opens whatever became of them, so its history stays readable. Two people starting it at the same moment get
    /// one room (the unique key refuses the second, which then opens the first).
    /// </summary>
    public async Task<ChatResult<DirectConversation>> StartAsync(string userId, string otherUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var me = await Actor.FindAsync(db, userId, now, ct);
        if (me is null)
        {
            return NotAllowed;
        }
        var key = KeyOf(userId, otherUserId);
        if (await FindAsync(db, userId, r => r.DirectKey == key, ct) is { } existing)
        {
            return ChatResult<DirectConversation>.Ok(existing);
        }
        var other = otherUserId == userId ? me : await Actor.FindAsync(db, otherUserId, now, ct);
        if (other is null)
        {
            return NobodyToWrite;
        }

        var room = new Room
        {
            Name = RoomName,
            Slug = SlugOf(key),
            IsPrivate = true,
            IsDirect = true,
            DirectKey = key,
            CreatedAt = now,
        };
        db.Rooms.Add(room);
        db.RoomMembers.Add(new RoomMember { Room = room, UserId = userId });
        if (other.UserId != userId)
        {
            db.RoomMembers.Add(new RoomMember { Room = room, UserId = other.UserId });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The other person (or another tab) started it at the same moment: theirs is the conversation.
            db.ChangeTracker.Clear();
            return await FindAsync(db, userId, r => r.DirectKey == key, ct) is { } raced
                ? ChatResult<DirectConversation>.Ok(raced)
                : throw new InvalidOperationException($"Starting the direct conversation {key} failed, and none exists.");
        }

        // Saved first, then told: the other person's drawer lists it live, and so do the starter's other tabs.
        var started = new DirectConversationStarted(room.Id, userId);
        bus.Publish(EventKey.User(userId), started);
        if (other.UserId != userId)
        {
            bus.Publish(EventKey.User(other.UserId), started);
        }
        return ChatResult<DirectConversation>.Ok(new DirectConversation(room.Id, room.Slug, other.UserId, other.DisplayName));
    }

    /// <summary>
    /// The user's direct conversations, by the other person's current name. A conversation with someone whose account
    /// was closed is not listed (their messages went with the account).
    /// </summary>
    public async Task<IReadOnlyList<DirectConversation>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await Actor.FindAsync(db, userId, time.GetUtcNow(), ct) is null)
        {
            return [];
        }
        // A person has a handful of conversations: sorted here, by the name as people read it.
        var conversations = await Conversations(db, userId, _ => true).ToListAsync(ct);
        return [.. conversations.OrderBy(c => c.PeerName, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.RoomId)];
    }

    /// <summary>The conversation in this room as the user sees it; null if it is not one of theirs.</summary>
    public async Task<DirectConversation?> FindAsync(string userId, int roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FindAsync(db, userId, r => r.Id == roomId, ct);
    }

    private static Task<DirectConversation?> FindAsync(
        ChatDbContext db, string userId, System.Linq.Expressions.Expression<Func<Room, bool>> which, CancellationToken ct) =>
        Conversations(db, userId, which).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The user's membership of each direct room, paired with the other member's (with their own in a conversation
    /// with oneself, which has one member): one join, no per-row subquery.
    /// </summary>
    private static IQueryable<DirectConversation> Conversations(
        ChatDbContext db, string userId, System.Linq.Expressions.Expression<Func<Room, bool>> which)
    {
        var withOneself = KeyOf(userId, userId);
        var rooms = db.Rooms.Where(r => r.IsDirect).Where(which);
        return from room in rooms
               join mine in db.RoomMembers on room.Id equals mine.RoomId
               where mine.UserId == userId
               join peer in db.RoomMembers on room.Id equals peer.RoomId
               where peer.UserId != userId || room.DirectKey == withOneself
               select new DirectConversation(room.Id, room.Slug, peer.UserId, peer.User!.DisplayName);
    }
}
