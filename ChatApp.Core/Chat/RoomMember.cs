using ChatApp.Core.Data;

namespace ChatApp.Core.Chat;

public sealed class RoomMember
{
    public int RoomId { get; set; }
    public Room? Room { get; set; }
    public string UserId { get; set; } = "";
    public ChatUser? User { get; set; }
}
