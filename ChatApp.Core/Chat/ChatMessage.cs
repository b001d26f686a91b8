using ChatApp.Core.Data;

namespace ChatApp.Core.Chat;

public sealed class ChatMessage
{
    public long Id { get; set; }
    public int RoomId { get; set; }
    public Room? Room { get; set; }
    public string AuthorId { get; set; } = "";
    public ChatUser? Author { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }

    /// <summary>Chosen by the sending tab, so a retried send is stored once.</summary>
    public Guid ClientMessageId { get; set; }
}
