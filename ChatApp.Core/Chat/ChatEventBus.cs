using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Chat;

/// <summary>
/// In-process fan-out of saved messages to every circuit showing the room.
/// Handlers are started without waiting for each other: one slow or failing tab never holds up the rest.
/// </summary>
public sealed class ChatEventBus(ILogger<ChatEventBus> logger)
{
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
        foreach (var handler in handlersByRoom.GetValueOrDefault(message.RoomId, []))
        {
            _ = Deliver(handler, message);
        }
    }

    private async Task Deliver(Func<MessageView, Task> handler, MessageView message)
    {
        try
        {
            await handler(message);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber of room {RoomId} failed to take message {MessageId}", message.RoomId, message.Id);
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
