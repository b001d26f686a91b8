using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Typing;

/// <summary>
/// Who is typing in which room: a short-lived signal held in memory only, never stored, announced on the room's
/// key of the event bus. Signals and subscriptions take a <see cref="RoomAccess"/>, so typing never reaches anyone
/// who may not open the room: once the access ends, its signals are refused, its watch stops, and the user stops
/// showing as typing in the room at once. Every accepted signal sets a deadline; one <see cref="DeadlineQueue{T}"/>
/// (one timer) ends the indicators whose deadline passed without a newer signal. With several app instances, each
/// one holds its own typists and merges the others' lists from the bus (TypingService.Remote.cs).
/// </summary>
public sealed partial class TypingService : IDisposable
{
    private readonly PresenceTracker presence;
    private readonly IEventBus bus;
    private readonly TimeProvider time;
    private readonly TypingOptions options;
    private readonly DeadlineQueue<Deadline> deadlines;
    private readonly Lock gate = new();
    private readonly Dictionary<int, Dictionary<string, TypingEntry>> rooms = [];
    // When each user last got through the throttle in each room. Kept past StopTyping, so flipping the box between
    // text and empty cannot turn every keystroke into a query and a broadcast.
    private readonly Dictionary<(int RoomId, string UserId), DateTimeOffset> lastSignals = [];
    private long version;

    private static readonly ChatError Denied = new(ChatErrorKind.NotAllowed, "You do not have access to this room.");

    public TypingService(PresenceTracker presence, IEventBus bus, TimeProvider time, IOptions<TypingOptions> options)
    {
        (this.presence, this.bus, this.time, this.options) = (presence, bus, time, options.Value);
        deadlines = new DeadlineQueue<Deadline>(time, this.options.Expiry, Expire);
        remoteDeadlines = new DeadlineQueue<RemoteDeadline>(time, this.options.Expiry, ExpireRemote);
        remoteLists = bus.Observe<TypingChanged>(OnRemoteList, static _ => { });
    }

    /// <summary>A keystroke signal. Cheap: no database; when throttled, no broadcast either.</summary>
    public ChatError? SignalTyping(RoomAccess access)
    {
        if (access.IsRevoked)
        {
            return Denied;
        }
        var (userId, roomId) = (access.UserId, access.RoomId);
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (lastSignals.TryGetValue((roomId, userId), out var last) && now - last < options.Throttle)
            {
                return null;
            }
            ForgetOldSignals(now);
            lastSignals[(roomId, userId)] = now;
        }
        if (presence.ChosenStatus(userId) == PresenceStatus.Invisible)
        {
            // Typing would give away that an invisible user is online.
            return null;
        }
        // Whatever ends the access (revoked, or the tab no longer shows the room) ends the indicator with it.
        access.OnceWhenEnded(this, _ => StopTyping(userId, roomId));

        TypingChanged? change = null;
        lock (gate)
        {
            var room = RoomFor(roomId);
            if (!room.TryGetValue(userId, out var entry))
            {
                entry = new TypingEntry(new Typist(userId, access.DisplayName));
                room.Add(userId, entry);
            }
            // New or not, the list goes out again: other instances drop a list they have not heard of for the expiry
            // (its node may have died), so steady typing refreshes it at the throttle's pace. Watchers here see
            // nothing new and render nothing.
            change = Snapshot(roomId, room);
            // An older deadline of this entry still in the queue finds it extended and does nothing.
            entry.ExpiresAt = time.GetUtcNow() + options.Expiry;
            deadlines.Add(new Deadline(roomId, entry, entry.ExpiresAt));
        }
        Publish(change);
        if (access.IsRevoked)
        {
            // Ended while the signal was taken, after the reaction above ran: undo it here.
            StopTyping(userId, roomId);
            return Denied;
        }
        return null;
    }

    /// <summary>The user sent their message or cleared the box: stop showing them at once.</summary>
    public void StopTyping(string userId, int roomId) => StopWhere(roomId, (r, u) => r == roomId && u == userId);

    /// <summary>Current typists at once, then every change, until disposed or the access ends.</summary>
    public ChatResult<IDisposable> Subscribe(RoomAccess access, Action<IReadOnlyList<Typist>> onChange)
    {
        if (access.IsRevoked)
        {
            return Denied;
        }
        var roomId = access.RoomId;
        var watcher = new TypingWatcher(onChange);
        // Any node's change of the room's list is the cue to show the merged list, read now: local changes are made
        // before they are published, and the bus runs observers (the remote lists) before subscribers. Subscribe
        // first, then read: a change in between arrives by one path or both, and the version keeps the newer.
        var subscription = access.Bind(bus.Subscribe<TypingChanged>(EventKey.Room(roomId), _ =>
        {
            if (!access.IsRevoked)
            {
                watcher.Receive(Merged(roomId));
            }
            return Task.CompletedTask;
        }));
        watcher.Receive(Merged(roomId));
        return ChatResult<IDisposable>.Ok(subscription);
    }

    /// <summary>Everyone typing in the room on any instance.</summary>
    public IReadOnlyList<Typist> TypingIn(int roomId) => Merged(roomId).Typists;

    internal int TrackedRoomCount
    {
        get
        {
            lock (gate)
            {
                return rooms.Count;
            }
        }
    }

    public void Dispose()
    {
        remoteLists.Dispose();
        deadlines.Dispose();
        remoteDeadlines.Dispose();
    }

    private void Expire(Deadline deadline)
    {
        TypingChanged? change = null;
        lock (gate)
        {
            var userId = deadline.Entry.Typist.UserId;
            if (rooms.TryGetValue(deadline.RoomId, out var room)
                && room.TryGetValue(userId, out var current) && current == deadline.Entry
                && current.ExpiresAt == deadline.ExpiresAt)
            {
                room.Remove(userId);
                change = Snapshot(deadline.RoomId, room);
                ForgetIfIdle(deadline.RoomId, room);
            }
        }
        Publish(change);
    }

    private void StopWhere(int? onlyRoom, Func<int, string, bool> stops)
    {
        List<TypingChanged> changes = [];
        lock (gate)
        {
            foreach (var (roomId, room) in rooms.Where(r => onlyRoom is null || r.Key == onlyRoom).ToList())
            {
                var stopped = room.Keys.Where(userId => stops(roomId, userId)).ToList();
                if (stopped.Count == 0)
                {
                    continue;
                }
                stopped.ForEach(userId => room.Remove(userId));
                changes.Add(Snapshot(roomId, room));
                ForgetIfIdle(roomId, room);
            }
        }
        changes.ForEach(Publish);
    }

    private void Publish(TypingChanged? change)
    {
        if (change is not null)
        {
            bus.Publish(EventKey.Room(change.RoomId), change);
        }
    }

    /// <summary>This node's list of the room, as it is published (a new version).</summary>
    private TypingChanged Snapshot(int roomId, Dictionary<string, TypingEntry> room) =>
        new(roomId, ++version, room.Values.Select(t => t.Typist).ToArray(), presence.NodeId);

    private void ForgetOldSignals(DateTimeOffset now)
    {
        if (lastSignals.Count < 1024)
        {
            return;
        }
        foreach (var (key, at) in lastSignals)
        {
            if (now - at >= options.Throttle)
            {
                lastSignals.Remove(key);
            }
        }
    }

    private Dictionary<string, TypingEntry> RoomFor(int roomId)
    {
        if (!rooms.TryGetValue(roomId, out var room))
        {
            room = [];
            rooms.Add(roomId, room);
        }
        return room;
    }

    private void ForgetIfIdle(int roomId, Dictionary<string, TypingEntry> room)
    {
        if (room.Count == 0)
        {
            rooms.Remove(roomId);
        }
    }

    private sealed record Deadline(int RoomId, TypingEntry Entry, DateTimeOffset ExpiresAt);

    private sealed class TypingEntry(Typist typist)
    {
        public Typist Typist { get; } = typist;
        public DateTimeOffset ExpiresAt { get; set; }
    }

    /// <summary>
    /// Changes are published outside the service lock, so two of them can race; a watcher takes the merged lists in
    /// version order, drops any that a newer one has overtaken (the list it first read counts as one of them), and
    /// tells its tab only when the list differs from the last one shown (a refresh from another node changes nothing).
    /// </summary>
    private sealed class TypingWatcher(Action<IReadOnlyList<Typist>> onChange)
    {
        private readonly Lock order = new();
        private long lastVersion = -1;
        private IReadOnlyList<Typist>? shown;

        public void Receive((long Version, IReadOnlyList<Typist> Typists) merged)
        {
            lock (order)
            {
                if (merged.Version <= lastVersion)
                {
                    return;
                }
                lastVersion = merged.Version;
                if (shown is not null && shown.SequenceEqual(merged.Typists))
                {
                    return;
                }
                shown = merged.Typists;
                onChange(merged.Typists);
            }
        }
    }
}
