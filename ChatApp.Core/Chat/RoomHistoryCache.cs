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
/// reconnected: <see cref="EventKey.All"/>) or the room's deletion drops the room's pages. At most <see cref="ChatOptions.HistoryCacheRooms"/> rooms are held;
/// the one read longest ago goes first.</para>
/// Only <see cref="ChatService"/> reads it, and only for a valid <see cref="RoomAccess"/>.
/// </summary>
public sealed class RoomHistoryCache : IDisposable
{
    private readonly ConcurrentDictionary<int, Page> pages = new();
    private readonly IDisposable messages;
    private readonly IDisposable roomChanges;
    private readonly IOptions<ChatOptions> options;
    private long clock;

    public RoomHistoryCache(IEventBus bus, IOptions<ChatOptions> options)
    {
        this.options = options;
        messages = bus.Observe<MessageSaved>((_, saved) => Apply(saved.Message), Drop);
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

    private void Apply(MessageView message)
    {
        if (pages.TryGetValue(message.RoomId, out var page))
        {
            page.Add(message, PageSize);
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

    /// <summary>One room's newest messages, in order. Every change and read under its lock.</summary>
    private sealed class Page
    {
        private readonly Lock gate = new();
        // Messages published since the page was created, kept while the first read runs, then merged into it.
        private readonly List<MessageView> items = [];
        private Task? filling;
        private bool filled;
        private bool invalid;
        private bool hasOlder;
        private long lastRead;

        public long LastRead => Volatile.Read(ref lastRead);

        public void Touch(long now) => Volatile.Write(ref lastRead, now);

        public static MessagePage FromLoad(List<MessageView> newestFirst, int pageSize)
        {
            var hasOlder = newestFirst.Count > pageSize;
            var page = newestFirst.Take(pageSize).Reverse().ToList();
            return new MessagePage(page, hasOlder);
        }

        /// <summary>The page once filled; null when it was dropped meanwhile.</summary>
        public async Task<MessagePage?> FillAsync(Func<CancellationToken, Task<List<MessageView>>> load, int pageSize, CancellationToken ct)
        {
            Task fill;
            lock (gate)
            {
                if (invalid)
                {
                    return null;
                }
                if (filled)
                {
                    return Snapshot();
                }
                fill = filling ??= LoadAsync(load, pageSize);
            }
            await fill.WaitAsync(ct);
            lock (gate)
            {
                return invalid || !filled ? null : Snapshot();
            }
        }

        private async Task LoadAsync(Func<CancellationToken, Task<List<MessageView>>> load, int pageSize)
        {
            List<MessageView> newestFirst;
            try
            {
                // Not the first caller's token: others wait for this read too.
                newestFirst = await load(CancellationToken.None);
            }
            catch
            {
                lock (gate)
                {
                    // The next reader tries again.
                    filling = null;
                }
                throw;
            }
            lock (gate)
            {
                hasOlder |= newestFirst.Count > pageSize;
                foreach (var message in newestFirst)
                {
                    Insert(message, pageSize);
                }
                filled = true;
            }
        }

        public void Add(MessageView message, int pageSize)
        {
            lock (gate)
            {
                if (!invalid)
                {
                    Insert(message, pageSize);
                }
            }
        }

        public void Invalidate()
        {
            lock (gate)
            {
                invalid = true;
                items.Clear();
            }
        }

        // Sorted by number, each once; concurrent senders may publish out of order, so a message can land anywhere.
        private void Insert(MessageView message, int pageSize)
        {
            var index = items.Count;
            while (index > 0 && items[index - 1].Seq > message.Seq)
            {
                index--;
            }
            if (index > 0 && items[index - 1].Seq == message.Seq)
            {
                return;
            }
            if (items.Count >= pageSize && index == 0)
            {
                // Older than everything in a full page: it belongs to an older page.
                hasOlder = true;
                return;
            }
            items.Insert(index, message);
            if (items.Count > pageSize)
            {
                items.RemoveAt(0);
                hasOlder = true;
            }
        }

        private MessagePage Snapshot() => new(items.ToArray(), hasOlder);
    }
}
