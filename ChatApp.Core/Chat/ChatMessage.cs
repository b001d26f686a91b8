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

    /// <summary>When the author last changed the text; null if never.</summary>
    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>When it was deleted: the row stays (the room's numbering has no holes), its text is emptied.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The people the message mentions (by id, so a rename still shows right).</summary>
    public List<MessageMention> Mentions { get; set; } = [];
}
