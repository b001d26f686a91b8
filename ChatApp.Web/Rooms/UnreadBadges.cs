using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Direct;
using ChatApp.Core.Chat.Reading;
using ChatApp.Core.Events;
using ChatApp.Web.Circuits;

namespace ChatApp.Web.Rooms;

/// <summary>
/// Per circuit: the unread and mention counts of the rooms this user may open, for the drawer and the rooms page.
/// Counted in the database once when first shown (one query for all rooms), after a gap, when the room list changes,
/// or when a position moved to somewhere short of the newest message; in between, kept up to date from the events
/// alone (a message saved in a listed room, the user's position moving in any tab), so a message costs a thousand
/// open tabs no query at all.
/// </summary>
public sealed class UnreadBadges(ReadingService reading, VisibleRooms visible, IEventBus events, CircuitState circuit, ILogger<UnreadBadges> logger)
    : IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim counting = new(1, 1);
    private readonly Dictionary<int, UnreadCount> counts = [];
    private readonly Dictionary<int, IDisposable> roomSubscriptions = [];
    // Messages heard while a count runs: the count may have been taken before them, so they are applied again after.
    private readonly List<MessageSaved> heardWhileCounting = [];
    private int countsRunning;
    private IDisposable? positions;
    private IDisposable? conversations;
    private Task? loaded;
    private int readingRoom;
    private bool disposed;

    /// <summary>Raised after counts changed, on a background thread: marshal with InvokeAsync.</summary>
    public event Action? Changed;

    /// <summary>The room's counts as last known (none while not counted yet).</summary>
    public UnreadCount Of(int roomId)
    {
        lock (gate)
        {
            return counts.GetValueOrDefault(roomId) ?? UnreadCount.None(roomId);
        }
    }

    public Task EnsureLoadedAsync()
    {
        if (circuit.User is not { } user)
        {
            return Task.CompletedTask;
        }
        lock (gate)
        {
            if (loaded is null)
            {
                positions = events.Subscribe<ReadPositionMoved>(EventKey.User(user.UserId), OnMovedAsync, RecountInBackground);
                // A direct conversation started (by either person): its room joins the counts.
                conversations = events.Subscribe<DirectConversationStarted>(EventKey.User(user.UserId), _ => RecountInBackground(), RecountInBackground);
                visible.Changed += OnRoomsChanged;
                loaded = LoadAsync(user.UserId);
            }
            return loaded;
        }
    }

    /// <summary>
    /// The tab shows this room with the reader at its end and the tab in view (<paramref name="caughtUp"/>): messages
    /// arriving there are read as they come (the room view marks them), so they do not flash up as unread here.
    /// </summary>
    public void Reading(int roomId, bool caughtUp)
    {
        lock (gate)
        {
            if (caughtUp)
            {
                readingRoom = roomId;
            }
            else if (readingRoom == roomId)
            {
                readingRoom = 0;
            }
        }
    }

    private async Task LoadAsync(string userId)
    {
        await visible.EnsureLoadedAsync();
        await RecountAsync(userId);
    }

    private void OnRoomsChanged() => _ = RecountInBackground();

    // Off the publisher's thread: the event that asked for it must not wait for this tab's query.
    private Task RecountInBackground() => Task.Run(async () =>
    {
        if (circuit.User is { } user)
        {
            await RecountAsync(user.UserId);
        }
    });

    /// <summary>Listens to every listed room first, then counts: a message is in the count, heard, or both (once).</summary>
    private async Task RecountAsync(string userId)
    {
        await counting.WaitAsync();
        try
        {
            if (disposed)
            {
                return;
            }
            IReadOnlyDictionary<int, UnreadCount> fresh;
            // The counts include rooms not in the room list (direct conversations): listened to as soon as they are
            // known, and counted again once so that nothing said before the subscription is missed.
            List<int> known;
            lock (gate)
            {
                known = [.. counts.Keys];
            }
            for (var round = 1; ; round++)
            {
                SubscribeToListedRooms(known);
                Interlocked.Increment(ref countsRunning);
                try
                {
                    fresh = await reading.CountAsync(userId);
                }
                finally
                {
                    Interlocked.Decrement(ref countsRunning);
                }
                if (round == 2 || fresh.Keys.All(Listened))
                {
                    break;
                }
                known = [.. fresh.Keys];
            }
            lock (gate)
            {
                counts.Clear();
                foreach (var (roomId, count) in fresh)
                {
                    counts[roomId] = count;
                }
                foreach (var saved in heardWhileCounting)
                {
                    Apply(saved, userId);
                }
                heardWhileCounting.Clear();
            }
            Changed?.Invoke();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Counting unread messages failed");
        }
        finally
        {
            counting.Release();
        }
    }

    private bool Listened(int roomId)
    {
        lock (gate)
        {
            return roomSubscriptions.ContainsKey(roomId);
        }
    }

    /// <summary>Listens to the listed rooms and <paramref name="alsoCounted"/>, and no others.</summary>
    private void SubscribeToListedRooms(IEnumerable<int> alsoCounted)
    {
        var listed = visible.Rooms.Select(r => r.Id).Concat(alsoCounted).ToHashSet();
        lock (gate)
        {
            foreach (var gone in roomSubscriptions.Keys.Where(id => !listed.Contains(id)).ToList())
            {
                roomSubscriptions.Remove(gone, out var subscription);
                subscription!.Dispose();
            }
            foreach (var roomId in listed.Where(id => !roomSubscriptions.ContainsKey(id)))
            {
                roomSubscriptions[roomId] = events.Subscribe<MessageEvent>(EventKey.Room(roomId), OnMessageAsync, RecountInBackground);
            }
        }
    }

    private Task OnMessageAsync(MessageEvent message) => message switch
    {
        MessageSaved saved => OnSavedAsync(saved),
        MessageChanged { Message.Deleted: true } deleted when CountedAsUnread(deleted.Message) => RecountInBackground(),
        _ => Task.CompletedTask,
    };

    /// <summary>Whether the message is one of those this tab counts as unread (a deletion takes it out again).</summary>
    private bool CountedAsUnread(MessageView message)
    {
        if (circuit.User is not { } user || message.AuthorId == user.UserId)
        {
            return false;
        }
        lock (gate)
        {
            return counts.TryGetValue(message.RoomId, out var count) && message.Seq > count.LastReadSeq && count.Unread > 0;
        }
    }

    private Task OnSavedAsync(MessageSaved saved)
    {
        if (circuit.User is not { } user)
        {
            return Task.CompletedTask;
        }
        bool changed;
        lock (gate)
        {
            if (Volatile.Read(ref countsRunning) > 0)
            {
                heardWhileCounting.Add(saved);
            }
            changed = Apply(saved, user.UserId);
        }
        if (changed)
        {
            Changed?.Invoke();
        }
        return Task.CompletedTask;
    }

    /// <summary>Counts a message in once (by its number); under the lock.</summary>
    private bool Apply(MessageSaved saved, string userId)
    {
        var message = saved.Message;
        if (!counts.TryGetValue(message.RoomId, out var count) || message.Seq <= count.NewestSeq)
        {
            return false;
        }
        var unread = message.AuthorId != userId && !message.Deleted && message.Seq > count.LastReadSeq && readingRoom != message.RoomId;
        var mentionsMe = unread && saved.MentionedUserIds?.Contains(userId, StringComparer.Ordinal) == true;
        counts[message.RoomId] = count with
        {
            NewestSeq = message.Seq,
            Unread = count.Unread + (unread ? 1 : 0),
            Mentions = count.Mentions + (mentionsMe ? 1 : 0),
        };
        return unread;
    }

    private Task OnMovedAsync(ReadPositionMoved moved)
    {
        bool recount, shown;
        lock (gate)
        {
            if (!counts.TryGetValue(moved.RoomId, out var count) || moved.LastReadSeq <= count.LastReadSeq)
            {
                return Task.CompletedTask;
            }
            // Read to the newest message heard of: nothing is left. Short of it: only the database knows what is left.
            recount = moved.LastReadSeq < count.NewestSeq && count.Unread > 0;
            counts[moved.RoomId] = recount || moved.LastReadSeq < count.NewestSeq
                ? count with { LastReadSeq = moved.LastReadSeq }
                : count with { LastReadSeq = moved.LastReadSeq, Unread = 0, Mentions = 0 };
            // A reader's own marks move the position every second in a busy room with nothing shown as unread:
            // the drawers of their tabs are not drawn again for them.
            shown = count.Unread > 0 || count.Mentions > 0;
        }
        if (recount)
        {
            return RecountInBackground();
        }
        if (shown)
        {
            Changed?.Invoke();
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        visible.Changed -= OnRoomsChanged;
        lock (gate)
        {
            disposed = true;
            positions?.Dispose();
            conversations?.Dispose();
            foreach (var subscription in roomSubscriptions.Values)
            {
                subscription.Dispose();
            }
            roomSubscriptions.Clear();
        }
    }
}
