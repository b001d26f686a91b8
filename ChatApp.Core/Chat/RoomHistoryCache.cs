using System.Collections.Concurrent;
using ChatApp.Core.Events;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat;

/// <summary>
/// The newest page of each busy room's history, held once for every tab of the node: a thousand tabs opening a room
/// read it from memory, and hold the same <see cref="MessageView"/> objects (so the UI's per-message markup is shared
/// too), instead of a thousand queries and a thousand copies of fifty messages.
/// <para>Fed by the bus's <see cref="IEventBus.Observe{TEvent}"/>, which sees every <see cref="MessageSaved"/> before
/// any subscriber does: a tab subscribes to its room first and reads the page after, so a message is either in the page
/// or delivered to it (or both: tabs keep each message once, by its number). A page is filled from the database on a
/// miss, with whatever was published during that read merged in. A gap on a room's key or on every key (a backplane that
/// reconnected: <see cref="EventKey.All"/>) or the room's deletion drops the room's pages. Edits and deletions
/// (<see cref="MessageChanged"/>) replace the message in the page; one that crosses the first read, or comes before
/// its message, waits in the page for it, so the page never keeps a version older than one it heard of. At most <see cref="ChatOptions.HistoryCacheRooms"/> rooms are held;
/// the one read longest ago goes first.</para>
/// Only <see cref="ChatService"/> reads it, and only for a valid <see cref="RoomAccess"/>.
/// </summary>
public sealed partial class RoomHistoryCache : IDisposable
{
    private readonly ConcurrentDictionary<int, Page> pages = new();
    private readonly IDisposable messages;
    private readonly IDisposable roomChanges;
    private readonly IOptions<ChatOptions> options;
    private long clock;

    public RoomHistoryCache(IEventBus bus, IOptions<ChatOptions> options)
    {
        this.options = options;
        messages = bus.Observe<MessageEvent>((_, message) => Apply(message), Drop);
        roomChanges = bus.Observe<RoomChange>((_, change) =>
        {
            if (change.Kind == RoomChangeKind.Deleted)
            {
                Forget(change.RoomId);
            }
        }, _ => { });
    }

    private int PageSize => Math.Max(options.Value.HistoryPageSize, 1);

    private int MaxRooms => options.Value.HistoryCacheRooms;

    /// <summary>Rooms whose page is held (filled or being filled).</summary>
    public int RoomCount => pages.Count;

    /// <summary>
    /// The room's newest page, oldest first: from memory when held, otherwise read by <paramref name="load"/> (the
    /// newest <c>pageSize + 1</c> messages, newest first) and kept. The caller has checked the access.
    /// </summary>
    internal async Task<MessagePage> NewestAsync(int roomId, Func<CancellationToken, Task<List<MessageView>>> load, CancellationToken ct)
    {
        var pageSize = PageSize;
        if (MaxRooms <= 0)
        {
            return Page.FromLoad(await load(ct), pageSize);
        }
        var page = pages.GetOrAdd(roomId, static _ => new Page());
        page.Touch(Interlocked.Increment(ref clock));
        if (pages.Count > MaxRooms)
        {
            EvictOldest();
        }
        if (await page.FillAsync(load, pageSize, ct) is { } read)
        {
            return read;
        }
        // Dropped while it was filled (a gap, the room deleted): what this caller read itself is still right for it.
        return Page.FromLoad(await load(ct), pageSize);
    }

    private void Apply(MessageEvent message)
    {
        if (!pages.TryGetValue(message.Message.RoomId, out var page))
        {
            return;
        }
        if (message is not MessageChanged changed)
        {
            page.Add(message.Message, PageSize);
        }
        else if (!page.Change(changed.Message))
        {
            // More changes waiting for their messages than a page keeps track of: read it again when next asked.
            Forget(message.Message.RoomId);
        }
    }

    private void Drop(EventKey key)
    {
        foreach (var (roomId, _) in pages)
        {
            if (key == EventKey.All || EventKey.Room(roomId) == key)
            {
                Forget(roomId);
            }
        }
    }

    private void Forget(int roomId)
    {
        if (pages.TryRemove(roomId, out var page))
        {
            page.Invalidate();
        }
    }

    private void EvictOldest()
    {
        while (pages.Count > MaxRooms)
        {
            var oldest = pages.MinBy(p => p.Value.LastRead);
            if (oldest.Value is null || !pages.TryRemove(oldest))
            {
                return;
            }
            oldest.Value.Invalidate();
        }
    }

    public void Dispose()
    {
        messages.Dispose();
        roomChanges.Dispose();
    }
}
