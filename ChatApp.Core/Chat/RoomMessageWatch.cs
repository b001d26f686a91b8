namespace ChatApp.Core.Chat;

/// <summary>
/// One tab watching one room's messages on the bus. It remembers the newest message it handed over, so that after
/// a gap (events may have been lost) it reads what came after it from the database. The bus runs its callbacks one
/// at a time, so its state needs no lock.
/// </summary>
internal sealed class RoomMessageWatch(ChatService chat, string userId, int roomId, Func<MessageView, Task> onMessage)
{
    private long? newestSeq;

    public Task OnSavedAsync(MessageSaved saved)
    {
        Remember(saved.Message);
        return onMessage(saved.Message);
    }

    public async Task ResyncAsync()
    {
        foreach (var message in await chat.MessagesAfterAsync(userId, roomId, newestSeq))
        {
            Remember(message);
            await onMessage(message);
        }
    }

    private void Remember(MessageView message) =>
        newestSeq = newestSeq is { } seen ? Math.Max(seen, message.Seq) : message.Seq;
}
