using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// A message row's markup, made once per message and shared by every tab that shows it. A room of a thousand tabs
/// used to encode, format and diff the same author, text and times a thousand times per message; now each tab adds
/// only what is its own: a keyed wrapper element around one markup frame, the whole row as a viewer in that time zone
/// sees it with the author's status (shared per zone, status and whether it mentions the viewer). Two frames per row
/// instead of eight keep a tab's render buffers for 50 messages at a quarter of the size; markup frames compare by
/// reference first, so an unchanged row costs a tab's diff almost nothing. Names are HTML-encoded here and the text is
/// Markdown made safe (<see cref="MessageText"/>): a markup frame is inserted as HTML.
/// </summary>
public sealed class MessageRow
{
    // Keyed by the message object itself: tabs that got the same message (from the bus or the shared history) share
    // its row, and a row lives exactly as long as some tab still holds its message.
    private static readonly ConditionalWeakTable<MessageView, MessageRow> Rows = new();
    private static readonly ConditionalWeakTable<MessageView, MessageRow>.CreateValueCallback Create = m => new MessageRow(m);

    // Few zones, five statuses and three sets of actions; past this many combinations a row stops caching (a room read from many zones).
    private const int MaxCachedVariants = 16;
    private const string Close = "</div>";

    private readonly MessageView message;
    private readonly string author;
    private readonly MessageText text;
    private volatile CachedRow[] variants = [];

    private MessageRow(MessageView message)
    {
        this.message = message;
        author = WebUtility.HtmlEncode(message.AuthorName);
        text = new MessageText(message);
    }

    public static MessageRow Of(MessageView message) => Rows.GetValue(message, Create);

    /// <summary>
    /// The whole row (<c>data-testid="message"</c>): the author, their presence dot and the time as a viewer in
    /// <paramref name="zone"/> sees them, the text as formatted Markdown with the mentioned people's current
    /// <paramref name="names"/>, highlighted when it mentions <paramref name="viewerId"/>; an edited message says so,
    /// a deleted one shows a "message deleted" line instead of its text.
    /// </summary>
    /// With <paramref name="actions"/>, the row carries the viewer's action buttons (<see cref="RowActions"/>): shared
    /// too, by every tab whose viewer may do the same to it.
    /// </summary>
    public MarkupString Html(TimeZoneInfo zone, string status, string? viewerId = null, MentionNames? names = null, RowActions actions = RowActions.None) =>
        new(Variant(zone, status, viewerId, names, actions).Markup);

    /// <summary>
    /// What is inside the row's element, without actions, for the one row a tab writes as frames (being edited, asking
    /// before a deletion, showing an error: see MessageRowActions); kept beside the whole row only once asked for.
    /// </summary>
    public MarkupString Body(TimeZoneInfo zone, string status, string? viewerId = null, MentionNames? names = null) =>
        new(Variant(zone, status, viewerId, names, RowActions.None).Body);

    /// <summary>The row element's attributes, the same in both forms.</summary>
    public IEnumerable<KeyValuePair<string, object>> Attributes(string? viewerId)
    {
        var mentionsMe = text.Mentions(viewerId);
        yield return new("class", mentionsMe ? "message message-mentions-me" : "message");
        yield return new("data-testid", "message");
        yield return new("data-message-id", message.Seq.ToString(CultureInfo.InvariantCulture));
        yield return new("data-author", message.AuthorName);
        if (message.EditedAt is not null)
        {
            yield return new("data-edited", "true");
        }
        if (message.Deleted)
        {
            yield return new("data-deleted", "true");
        }
        if (mentionsMe)
        {
            yield return new("data-mentions-me", "true");
        }
    }

    private CachedRow Variant(TimeZoneInfo zone, string status, string? viewerId, MentionNames? names, RowActions actions)
    {
        var html = message.Deleted ? "" : text.Html(names);
        var mentionsMe = text.Mentions(viewerId);
        var cached = variants;
        foreach (var variant in cached)
        {
            if (string.Equals(variant.Zone.Id, zone.Id, StringComparison.Ordinal) && string.Equals(variant.Status, status, StringComparison.Ordinal)
                && variant.MentionsMe == mentionsMe && variant.Actions == actions && ReferenceEquals(variant.Text, html))
            {
                return variant;
            }
        }
        if (cached.Length > 0 && !ReferenceEquals(cached[0].Text, html))
        {
            // A mentioned person was renamed: the rows with the old name go.
            cached = [];
        }
        var edited = message.EditedAt is { } at
            ? $"<span class=\"message-edited\" title=\"edited {at.ToString("u", CultureInfo.InvariantCulture)}\">(edited)</span>"
            : "";
        var content = message.Deleted
            ? "<div class=\"message-deleted\">message deleted</div>"
            : $"<div class=\"message-text\" data-testid=\"message-text\">{html}</div>";
        var body =
            $"<div class=\"message-meta\"><span class=\"message-author\">{author}</span>" +
            $"<span class=\"presence-dot presence-{status}\" data-testid=\"user-presence\" data-user=\"{author}\" data-status=\"{status}\" title=\"{author}: {status}\" aria-label=\"{status}\"></span>" +
            $"<time class=\"message-time\" datetime=\"{message.SentAt:O}\" title=\"{message.SentAt.ToString("u", CultureInfo.InvariantCulture)}\">" +
            $"{TimeZoneInfo.ConvertTime(message.SentAt, zone).ToString("HH:mm", CultureInfo.InvariantCulture)}</time>{edited}</div>" +
            content;
        var open = OpenTag(viewerId);
        var row = new CachedRow(zone, status, mentionsMe, actions, html, open + body + MessageActionButtons.Markup(actions) + Close, open.Length);
        if (cached.Length < MaxCachedVariants)
        {
            // A race may lose one of two new entries: it is only made again later, never wrong.
            variants = [.. cached, row];
        }
        return row;
    }

    private string OpenTag(string? viewerId) =>
        "<div" + string.Concat(Attributes(viewerId).Select(a => $" {a.Key}=\"{WebUtility.HtmlEncode((string)a.Value)}\"")) + ">";

    private sealed class CachedRow(TimeZoneInfo zone, string status, bool mentionsMe, RowActions actions, string text, string markup, int openTagLength)
    {
        private string? body;

        public TimeZoneInfo Zone => zone;

        public string Status => status;

        public bool MentionsMe => mentionsMe;

        public RowActions Actions => actions;

        public string Text => text;

        public string Markup => markup;

        // Only the row a tab is editing or asking about is written around its body: most rows never make one.
        public string Body => body ??= markup[openTagLength..^(Close.Length + MessageActionButtons.Markup(actions).Length)];
    }
}
