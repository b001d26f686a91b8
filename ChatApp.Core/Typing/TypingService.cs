using System.Collections.Immutable;
using ChatApp.Core.Chat;
using ChatApp.Core.Presence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Typing;

public sealed record Typist(string UserId, string DisplayName);

/// <summary>
/// Who is typing in which room: a short-lived signal held in memory only, never stored. Signals and
/// subscriptions are checked against room access, so typing never reaches anyone who may not open the room.
/// </summary>
public sealed class TypingService(
    ChatService chat,
    PresenceTracker presence,
    TimeProvider time,
    IOptions<TypingOptions> options,
    ILogger<TypingService> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, RoomTyping> rooms = [];
    // When each user last got through the throttle in each room. Kept past StopTyping, so flipping the box between
    // text and empty cannot turn every keystroke into a query and a broadcast.
    private readonly Dictionary<(int RoomId, string UserId), DateTimeOffset> lastSignals = [];

    /// <summary>A keystroke signal. Cheap when throttled: no database, no broadcast.</summary>
    public async Task<ChatError?> SignalTypingAsync(string userId, string displayName, int roomId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (lastSignals.TryGetValue((roomId, userId), out var last) && now - last < options.Value.Throttle)
            {
                return null;
            }
            ForgetOldSignals(now);
            lastSignals[(roomId, userId)] = now;
        }

        var access = await chat.OpenRoomAsync(userId, roomId, ct);
        if (!access.Succeeded)
        {
            return access.Error;
        }
        if (presence.ChosenStatus(userId) == PresenceStatus.Invisible)
        {
            // Typing would give away that an invisible user is online.
            return null;
        }

        Notification? notification = null;
        lock (gate)
        {
            var room = RoomFor(roomId);
            now = time.GetUtcNow();
            if (room.Typists.TryGetValue(userId, out var typing))
            {
                typing.ExpiresAt = now + options.Value.Expiry;
                typing.Timer.Change(options.Value.Expiry, Timeout.InfiniteTimeSpan);
            }
            else
            {
                var entry = new TypingEntry(new Typist(userId, displayName)) { ExpiresAt = now + options.Value.Expiry };
                entry.Timer = time.CreateTimer(_ => Expire(roomId, entry), null, options.Value.Expiry, Timeout.InfiniteTimeSpan);
                room.Typists.Add(userId, entry);
                notification = room.Snapshot();
            }
        }
        Deliver(notification);
        return null;
    }

    /// <summary>The user sent their message or cleared the box: stop showing them at once.</summary>
    public void StopTyping(string userId, int roomId)
    {
        Notification? notification = null;
        lock (gate)
        {
            if (rooms.TryGetValue(roomId, out var room) && room.Typists.Remove(userId, out var entry))
            {
                entry.Timer.Dispose();
                notification = room.Snapshot();
                ForgetIfIdle(roomId, room);
            }
        }
        Deliver(notification);
    }

    /// <summary>Current typists at once, then every change, until disposed.</summary>
    public async Task<ChatResult<IDisposable>> SubscribeAsync(
        string viewerId, int roomId, Action<IReadOnlyList<Typist>> onChange, CancellationToken ct = default)
    {
        var access = await chat.OpenRoomAsync(viewerId, roomId, ct);
        if (!access.Succeeded)
        {
            return access.Error!;
        }
        TypingSubscriber subscriber;
        Notification snapshot;
        lock (gate)
        {
            var room = RoomFor(roomId);
            subscriber = new TypingSubscriber(onChange);
            room.Subscribers = room.Subscribers.Add(subscriber);
            snapshot = room.Snapshot();
        }
        Deliver(snapshot with { Subscribers = [subscriber] });
        return ChatResult<IDisposable>.Ok(new Subscription(() => Unsubscribe(roomId, subscriber)));
    }

    public IReadOnlyList<Typist> TypingIn(int roomId)
    {
        lock (gate)
        {
            return rooms.TryGetValue(roomId, out var room) ? room.Snapshot().Typists : [];
        }
    }

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

    private void Expire(int roomId, TypingEntry entry)
    {
        Notification? notification = null;
        lock (gate)
        {
            if (!rooms.TryGetValue(roomId, out var room)
                || !room.Typists.TryGetValue(entry.Typist.UserId, out var current) || current != entry)
            {
                return;
            }
            var early = entry.ExpiresAt - time.GetUtcNow();
            if (early > TimeSpan.Zero)
            {
                // Extended by a signal just as the old due time fired, or a timer a hair ahead of the wall clock.
                entry.Timer.Change(early, Timeout.InfiniteTimeSpan);
                return;
            }
            room.Typists.Remove(entry.Typist.UserId);
            entry.Timer.Dispose();
            notification = room.Snapshot();
            ForgetIfIdle(roomId, room);
        }
        Deliver(notification);
    }

    private void Unsubscribe(int roomId, TypingSubscriber subscriber)
    {
        lock (gate)
        {
            if (rooms.TryGetValue(roomId, out var room))
            {
                room.Subscribers = room.Subscribers.Remove(subscriber);
                ForgetIfIdle(roomId, room);
            }
        }
    }

    private void ForgetOldSignals(DateTimeOffset now)
    {
        if (lastSignals.Count < 1024)
        {
            return;
        }
        foreach (var (key, at) in lastSignals)
        {
            if (now - at >= options.Value.Throttle)
            {
                lastSignals.Remove(key);
            }
        }
    }

    private RoomTyping RoomFor(int roomId)
    {
        if (!rooms.TryGetValue(roomId, out var room))
        {
            room = new RoomTyping();
            rooms.Add(roomId, room);
        }
        return room;
    }

    private void ForgetIfIdle(int roomId, RoomTyping room)
    {
        if (room.Typists.Count == 0 && room.Subscribers.IsEmpty)
        {
            rooms.Remove(roomId);
        }
    }

    private void Deliver(Notification? notification)
    {
        if (notification is null)
        {
            return;
        }
        foreach (var subscriber in notification.Subscribers)
        {
            try
            {
                subscriber.Receive(notification);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A typing subscriber failed");
            }
        }
    }

    private sealed record Notification(long Version, IReadOnlyList<Typist> Typists, ImmutableList<TypingSubscriber> Subscribers);

    private sealed class RoomTyping
    {
        private long version;

        public Dictionary<string, TypingEntry> Typists { get; } = [];
        public ImmutableList<TypingSubscriber> Subscribers { get; set; } = [];

        public Notification Snapshot() => new(
            ++version,
            Typists.Values.Select(t => t.Typist).OrderBy(t => t.DisplayName, StringComparer.OrdinalIgnoreCase).ToArray(),
            Subscribers);
    }

    /// <summary>
    /// Notifications are delivered outside the service lock, so two of them can race; each subscriber
    /// takes them in version order and drops any that a newer one has overtaken.
    /// </summary>
    private sealed class TypingSubscriber(Action<IReadOnlyList<Typist>> onChange)
    {
        private readonly Lock order = new();
        private long lastVersion;

        public void Receive(Notification notification)
        {
            lock (order)
            {
                if (notification.Version <= lastVersion)
                {
                    return;
                }
                lastVersion = notification.Version;
                onChange(notification.Typists);
            }
        }
    }

    private sealed class TypingEntry(Typist typist)
    {
        public Typist Typist { get; } = typist;
        public DateTimeOffset ExpiresAt { get; set; }
        public ITimer Timer { get; set; } = default!;
    }
}
