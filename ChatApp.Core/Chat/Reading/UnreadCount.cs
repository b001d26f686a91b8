namespace ChatApp.Core.Chat.Reading;

/// <summary>
/// One room as its unread badge sees it: the user's read position, how many messages after it are from others and
/// not deleted (<paramref name="Unread"/>), how many of those mention the user (<paramref name="Mentions"/>), and the
/// room's newest message number when counted.
/// </summary>
public sealed record UnreadCount(int RoomId, long LastReadSeq, int Unread, int Mentions, long NewestSeq)
{
    public static UnreadCount None(int roomId) => new(roomId, 0, 0, 0, 0);
}

/// <summary>
/// What marking a room read did: <paramref name="Previous"/> is where the user had read to before (null the first
/// time they opened the room), <paramref name="LastReadSeq"/> where they have read to now.
/// </summary>
public sealed record ReadMark(int RoomId, long? Previous, long LastReadSeq, bool Moved);
