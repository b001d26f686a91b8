using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Chat;

/// <summary>
/// In-process fan-out of chat events: saved messages to every circuit showing the room, and changes to rooms and
/// accounts to everyone who shows them. Handlers are started without waiting for each other.
/// </summary>
public sealed class ChatEventBus(ILogger<ChatEventBus> logger)
{
    public Broadcast<RoomChange> RoomChanges { get; } = new(logger);

    public Broadcast<AccountChange> AccountChanges { get; } = new(logger);

    private readonly Lock gate = new();
    private ImmutableDictionary<int, ImmutableList<Func<MessageView, Task>>> handlersByRoom =
        ImmutableDictionary<int, ImmutableList<Func<MessageView, Task>>>.Empty;

    public IDisposable SubscribeToRoom(int roomId, Func<MessageView, Task> onMessage)
    {
        lock (gate)
        {
            var handlers = handlersByRoom.GetValueOrDefault(roomId, []);
            handlersByRoom = handlersByRoom.SetItem(roomId, handlers.Add(onMessage));
        }
        return new Subscription(() => Unsubscribe(roomId, onMessage));
    }

    public int SubscriberCount(int roomId) => handlersByRoom.GetValueOrDefault(roomId)?.Count ?? 0;

    public void Publish(MessageView message)
    {
        var handlers = handlersByRoom.GetValueOrDefault(message.RoomId, []);
        logger.LogDebug(LiveEventIds.Published, "Publishing message {Seq} of room {RoomId} to {Subscribers} subscribers", message.Seq, message.RoomId, handlers.Count);
        foreach (var handler in handlers)
        {
            _ = Broadcast<MessageView>.Deliver(logger, handler, message);
        }
    }

    private void Unsubscribe(int roomId, Func<MessageView, Task> onMessage)
    {
        lock (gate)
        {
            if (!handlersByRoom.TryGetValue(roomId, out var handlers))
            {
                return;
            }
            handlers = handlers.Remove(onMessage);
            handlersByRoom = handlers.IsEmpty ? handlersByRoom.Remove(roomId) : handlersByRoom.SetItem(roomId, handlers);
        }
    }
}
