namespace ChatApp.Core.Chat;

/// <summary>
/// One tab watching one room's messages on the bus, for as long as its <see cref="RoomAccess"/> holds: a delivery
/// already queued when the access is revoked is dropped. It remembers the newest message it handed over, so that
/// after a gap (events may have been lost) it checks the access again and reads what came after it from the
/// database. The bus runs its
/// callbacks one at a time, so its state needs no lock.
/// </summary>
internal sealed class RoomMessageWatch(ChatService chat, RoomAccess access, Func<MessageView, Task> onMessage)
{
    private long? newestSeq;

    public Task OnSavedAsync(MessageSaved saved)
    {
        if (access.IsRevoked)
        {
            return Task.CompletedTask;
        }
        Remember(saved.Message);
        return onMessage(saved.Message);
    }

    public async Task ResyncAsync()
    {
        // Events were lost, revocations among them perhaps (they travel on another key, in no order with this one):
        // the access is checked again before the database hands over anything.
        if (await chat.CheckAgainAsync(access) is { } lost)
        {
            chat.EndAccess(access, lost);
            return;
        }
        foreach (var message in await chat.MessagesAfterAsync(access, newestSeq))
        {
            if (access.IsRevoked)
            {
                return;
            }
            Remember(message);
            await onMessage(message);
        }
    }

    private void Remember(MessageView message) =>
        newestSeq = newestSeq is { } seen ? Math.Max(seen, message.Seq) : message.Seq;
}
