namespace ChatApp.Core.Chat;

/// <summary>Bound from the <c>Chat</c> configuration section.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    public int MaxMessageLength { get; set; } = MessageRules.MaxLength;
    public int HistoryPageSize { get; set; } = 50;

    /// <summary>
    /// How many messages an open room page keeps: when new ones push past this, the oldest are dropped (and can be
    /// loaded again), so a tab left open for days does not grow without end.
    /// </summary>
    public int MaxMessagesInView { get; set; } = 500;

    /// <summary>
    /// In how many rooms the newest history page is held in memory for every tab of the node (see RoomHistoryCache);
    /// the room read longest ago is let go first. 0 reads every room's history from the database.
    /// </summary>
    public int HistoryCacheRooms { get; set; } = 1000;

    /// <summary>
    /// How long after sending its author may edit a message; <see cref="TimeSpan.Zero"/> means no limit. Deleting one's
    /// own message has no limit.
    /// </summary>
    public TimeSpan EditWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many messages one user may send within <see cref="SendLimitWindow"/>, across all of their tabs.</summary>
    public int SendLimitCount { get; set; } = 10;
    public TimeSpan SendLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Above how many people present in a room <c>@here</c> is for administrators only: it notifies every one of
    /// them.
    /// </summary>
    public int HereMaxMembers { get; set; } = 50;

    /// <summary>
    /// How long a live read mark (a message read as it arrived) waits to be written together with the others (see
    /// ReadMarks): the other tabs' badges clear this much later; a room opened is marked at once.
    /// </summary>
    public TimeSpan ReadMarkDelay { get; set; } = TimeSpan.FromSeconds(1);
}
