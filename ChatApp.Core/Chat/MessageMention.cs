using ChatApp.Core.Data;

namespace ChatApp.Core.Chat;

/// <summary>
/// One person a message mentions (by <c>@name</c> or <c>@here</c>). The room and the message's number are copied here so
/// that a person's unread mentions in a room are one index range: (user, room, seq &gt; read position).
/// </summary>
public sealed class MessageMention
{
    public long MessageId { get; set; }
    public ChatMessage? Message { get; set; }
    public string UserId { get; set; } = "";
    public ChatUser? User { get; set; }
    public int RoomId { get; set; }
    public long Seq { get; set; }
}
