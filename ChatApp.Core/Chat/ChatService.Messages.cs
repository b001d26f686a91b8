using System.Runtime.CompilerServices;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Chat;

/// <summary>Reading an open room: trusted to the <see cref="RoomAccess"/> while it is not revoked (see its rule).</summary>
public sealed partial class ChatService
{
    // The watch of each open room view, told the newest message of the page the view opened with (see
    // RoomMessageWatch.HistoryShownAsync); weak, so a view that is gone takes its entry with it.
    private readonly ConditionalWeakTable<RoomAccess, RoomMessageWatch> watches = new();

    /// <summary>One page of the room's history, oldest first: the newest, or those numbered before <paramref name="beforeSeq"/>.</summary>
    public async Task<ChatResult<MessagePage>> GetHistoryAsync(RoomAccess access, long? beforeSeq = null, CancellationToken ct = default)
    {
        if (access.IsRevoked)
        {
            return RoomDenied;
        }
        var roomId = access.RoomId;
        if (beforeSeq is null)
        {
            // The newest page is the same for every tab of the room: held once (the access was checked above).
            var newest = await history.NewestAsync(roomId, token => NewestFirstAsync(roomId, null, token), ct);
            if (watches.TryGetValue(access, out var watch))
            {
                // What the view has from here on: live messages are checked against it, a hole up to them is filled.
                await watch.HistoryShownAsync(newest.Messages.Count > 0 ? newest.Messages[^1].Seq : 0);
            }
            return ChatResult<MessagePage>.Ok(newest);
        }
        var pageSize = options.Value.HistoryPageSize;
        var newestFirst = await NewestFirstAsync(roomId, beforeSeq, ct);
        var hasOlder = newestFirst.Count > pageSize;
        var page = newestFirst.Take(pageSize).Reverse().ToList();
        return ChatResult<MessagePage>.Ok(new MessagePage(page, hasOlder));
    }

    /// <summary>A page and one more (to tell whether there are older ones), newest first.</summary>
    private async Task<List<MessageView>> NewestFirstAsync(int roomId, long? beforeSeq, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await NewestFirst(db, roomId, beforeSeq, options.Value.HistoryPageSize + 1).ToListAsync(ct);
    }

    /// <summary>The history query on its own, for the index check (EXPLAIN QUERY PLAN) in the tests.</summary>
    internal static IQueryable<MessageView> NewestFirst(ChatDbContext db, int roomId, long? beforeSeq, int take) =>
        db.Messages
            .Where(m => m.RoomId == roomId && (beforeSeq == null || m.Seq < beforeSeq))
            .OrderByDescending(m => m.Seq)
            .Take(take)
            .Select(ToView);

    /// <summary>
    /// The room as it is now (renamed, archived), for a view that holds it open; NotFound once it was deleted.
    /// </summary>
    public async Task<ChatResult<RoomSummary>> GetRoomAsync(RoomAccess access, CancellationToken ct = default)
    {
        if (access.IsRevoked)
        {
            return access.EndedBecause == RoomAccessEnd.RoomDeleted ? RoomNotFound : RoomDenied;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roomId = access.RoomId;
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == roomId).SingleOrDefaultAsync(ct);
        return room is null ? RoomNotFound : ChatResult<RoomSummary>.Ok(ToSummary(room));
    }

    /// <summary>
    /// Every message saved in the room from now on, until the subscription is disposed or the access ends. If the
    /// bus announces that messages may have been lost, the missed ones are read from the database and handed over
    /// the same way (a tab keeps each message once, so one that arrives by both paths shows once).
    /// </summary>
    /// <param name="onChanged">An edited or deleted message as it is now (see <see cref="MessageChanged"/>).</param>
    public ChatResult<IDisposable> WatchRoom(RoomAccess access, Func<MessageView, Task> onMessage, Func<MessageView, Task>? onChanged = null)
    {
        if (access.IsRevoked)
        {
            return RoomDenied;
        }
        var watch = new RoomMessageWatch(this, access, onMessage, onChanged);
        watches.AddOrUpdate(access, watch);
        var subscription = bus.Subscribe<MessageEvent>(EventKey.Room(access.RoomId), watch.OnEventAsync, watch.ResyncAsync);
        return ChatResult<IDisposable>.Ok(access.Bind(new WatchSubscription(subscription, watch)));
    }

    private sealed class WatchSubscription(IDisposable subscription, RoomMessageWatch watch) : IDisposable
    {
        public void Dispose()
        {
            watch.Dispose();
            subscription.Dispose();
        }
    }

    /// <summary>
    /// The messages after <paramref name="afterSeq"/> (the newest page when null) and, when given, before
    /// <paramref name="beforeSeq"/> (those lost on the bus before a later one arrived), oldest first, at most as many
    /// as a tab keeps (the newest of them); empty once the access ended.
    /// </summary>
    internal async Task<IReadOnlyList<MessageView>> MessagesAfterAsync(
        RoomAccess access, long? afterSeq, long? beforeSeq = null, CancellationToken ct = default)
    {
        if (access.IsRevoked || beforeSeq <= (afterSeq ?? 0) + 1)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roomId = access.RoomId;
        var limit = afterSeq is null ? options.Value.HistoryPageSize : options.Value.MaxMessagesInView;
        var newestFirst = await db.Messages
            .Where(m => m.RoomId == roomId && (afterSeq == null || m.Seq > afterSeq) && (beforeSeq == null || m.Seq < beforeSeq))
            .OrderByDescending(m => m.Seq)
            .Take(limit)
            .Select(ToView)
            .ToListAsync(ct);
        newestFirst.Reverse();
        return newestFirst;
    }

    /// <summary>
    /// The newest messages up to <paramref name="newestSeq"/>, as many as a tab keeps, oldest first: after a gap, what
    /// a tab holds as it is now (edited, deleted).
    /// </summary>
    internal Task<IReadOnlyList<MessageView>> MessagesUpToAsync(RoomAccess access, long newestSeq, CancellationToken ct = default) =>
        MessagesAfterAsync(access, Math.Max(0, newestSeq - options.Value.MaxMessagesInView), newestSeq + 1, ct);
}
