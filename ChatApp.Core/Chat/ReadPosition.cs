using ChatApp.Core.Data;

namespace ChatApp.Core.Chat;

/// <summary>How far a person has read a room: the number of the newest message they were shown. One per user and room,
/// shared by all their tabs.</summary>
public sealed class ReadPosition
{
    public string UserId { get; set; } = "";
    public ChatUser? User { get; set; }
    public int RoomId { get; set; }
    public Room? Room { get; set; }
    public long LastReadSeq { get; set; }
}
