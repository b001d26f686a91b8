using ChatApp.Core.Data;

namespace ChatApp.Core.Chat;

public sealed class ChatMessage
{
    /// <summary>The global key: internal only, because its gaps would tell a reader how busy rooms they cannot see are.</summary>
    public long Id { get; set; }
    public int RoomId { get; set; }

    /// <summary>1, 2, 3, ... within the room: what the UI shows and pages by. Unique per room.</summary>
    public long Seq { get; set; }
    public Room? Room { get; set; }
    public string AuthorId { get; set; } = "";
    public ChatUser? Author { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }

    /// <summary>Chosen by the sending tab, so a retried send is stored once.</summary>
    public Guid ClientMessageId { get; set; }
}
