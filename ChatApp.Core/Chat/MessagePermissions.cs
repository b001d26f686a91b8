namespace ChatApp.Core.Chat;

/// <summary>
/// What the viewer of an open room may do to its messages, to show only the actions they may use. The same rules as
/// <see cref="ChatService.EditAsync"/> and <see cref="ChatService.DeleteAsync"/>, which check them again in the
/// database: this only mirrors them.
/// </summary>
public sealed class MessagePermissions(string userId, bool isAdmin, TimeSpan editWindow, TimeProvider time)
{
    public string UserId => userId;

    /// <summary>Authors, within the edit window, in a room that is not archived; never a deleted message.</summary>
    public bool MayEdit(MessageView message, bool roomArchived) =>
        !message.Deleted && !roomArchived && message.AuthorId == userId && WithinWindow(message.SentAt, time.GetUtcNow(), editWindow);

    /// <summary>Authors their own, administrators any (the room was opened, so it is not someone else's direct conversation).</summary>
    public bool MayDelete(MessageView message) => !message.Deleted && (isAdmin || message.AuthorId == userId);

    public bool MayAct(MessageView message, bool roomArchived) => MayDelete(message) || MayEdit(message, roomArchived);

    /// <summary>Whether a message sent at <paramref name="sentAt"/> may still be edited; a zero window has no end.</summary>
    public static bool WithinWindow(DateTimeOffset sentAt, DateTimeOffset now, TimeSpan window) =>
        window <= TimeSpan.Zero || now - sentAt < window;
}
