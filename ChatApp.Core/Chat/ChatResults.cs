namespace ChatApp.Core.Chat;

public enum ChatErrorKind
{
    Empty,
    TooLong,
    TooFast,
    NotAllowed,
    NotFound,
    Archived,
    Invalid,
    Conflict,
    /// <summary>The app is stopping: try again in a moment (on this or another instance).</summary>
    Unavailable,
}

/// <summary>Why an operation was refused, with a message fit to show the user.</summary>
public sealed record ChatError(ChatErrorKind Kind, string Message);

public sealed record ChatResult<T>(T? Value, ChatError? Error) where T : class
{
    public bool Succeeded => Error is null;

    public static ChatResult<T> Ok(T value) => new(value, null);

    public static ChatResult<T> Fail(ChatErrorKind kind, string message) => new(null, new ChatError(kind, message));

    public static implicit operator ChatResult<T>(ChatError error) => new(null, error);
}

/// <summary><paramref name="IsDirect"/>: a direct conversation between two people (see <c>DirectMessages</c>).</summary>
public sealed record RoomSummary(int Id, string Slug, string Name, string Topic, bool IsPrivate, bool IsArchived, bool IsDirect = false);

/// <summary>
/// A message as the UI sees it: <paramref name="Seq"/> is its number within the room, never the global key.
/// <paramref name="EditedAt"/>: when its author last changed it; <paramref name="Deleted"/>: a placeholder whose text is
/// gone.
/// </summary>
public sealed record MessageView(
    long Seq,
    int RoomId,
    Guid ClientMessageId,
    string AuthorId,
    string AuthorName,
    string Text,
    DateTimeOffset SentAt,
    DateTimeOffset? EditedAt = null,
    bool Deleted = false);

/// <summary>One page of a room's history, oldest first.</summary>
public sealed record MessagePage(IReadOnlyList<MessageView> Messages, bool HasOlder);
