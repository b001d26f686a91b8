using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// A message's text as HTML (<see cref="MessageMarkdown"/>), made once per message for every tab and made again only
/// when a person it mentions is renamed (<see cref="MentionNames.Version"/>), and whom it mentions: the mentioned
/// people by id, and for <c>@here</c> everyone but the author (they were told if they were there; everyone reading
/// it sees it was meant for them).
/// </summary>
internal sealed class MessageText(MessageView message)
{
    private readonly string[] mentioned = [.. MentionTokens.UserIds(message.Text)];
    private readonly bool here = message.Text.Contains(MentionTokens.Here, StringComparison.Ordinal);
    private volatile Rendered? rendered;

    public string Html(MentionNames? names)
    {
        var version = names?.Version ?? 0;
        if (rendered is { } done && (done.Version == version || mentioned.Length == 0))
        {
            return done.Html;
        }
        var html = MessageMarkdown.ToHtml(message.Text, id => names?.NameOf(id));
        // The same text (a rename of someone not in it) keeps the same string, so the cached rows stay.
        var next = rendered is { } old && old.Html == html ? old with { Version = version } : new Rendered(version, html);
        rendered = next;
        return next.Html;
    }

    public bool Mentions(string? viewerId) =>
        viewerId is not null && viewerId != message.AuthorId && (here || mentioned.Contains(viewerId, StringComparer.Ordinal));

    private sealed record Rendered(long Version, string Html);
}
