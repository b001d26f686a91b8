using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using ChatApp.Core.Chat;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// A message row's markup, made once per message and shared by every tab that shows it. A room of a thousand tabs
/// used to encode, format and diff the same author, text and times a thousand times per message; now each tab adds
/// only what is its own: a keyed wrapper element around one markup frame, the whole row as a viewer in that time zone
/// sees it with the author's status (shared per zone and status). Two frames per row instead of eight keep a tab's
/// render buffers for 50 messages at a quarter of the size; markup frames compare by reference first, so an unchanged
/// row costs a tab's diff almost nothing. Text and names are HTML-encoded here: a markup frame is inserted as HTML.
/// </summary>
public sealed class MessageRow
{
    // Keyed by the message object itself: tabs that got the same message (from the bus or the shared history) share
    // its row, and a row lives exactly as long as some tab still holds its message.
    private static readonly ConditionalWeakTable<MessageView, MessageRow> Rows = new();
    private static readonly ConditionalWeakTable<MessageView, MessageRow>.CreateValueCallback Create = m => new MessageRow(m);

    // Few zones and five statuses; past this many combinations a row stops caching (a room read from many zones).
    private const int MaxCachedVariants = 16;

    private readonly MessageView message;
    private readonly string author;
    private readonly string text;
    private volatile CachedRow[] variants = [];

    private MessageRow(MessageView message)
    {
        this.message = message;
        author = WebUtility.HtmlEncode(message.AuthorName);
        text = WebUtility.HtmlEncode(message.Text);
    }

    public static MessageRow Of(MessageView message) => Rows.GetValue(message, Create);

    /// <summary>
    /// The whole row (<c>data-testid="message"</c>): the author, their presence dot and the time as a viewer in
    /// <paramref name="zone"/> sees them, and the text with its line breaks (<c>white-space: pre-wrap</c>); an edited
    /// message says so, a deleted one shows a "message deleted" line instead of its text.
    /// </summary>
    public MarkupString Html(TimeZoneInfo zone, string status) => new(Variant(zone, status).Markup);

    /// <summary>
    /// What is inside the row's element, for a row whose element is written as frames because the viewer has actions
    /// on it (see MessageRowActions); kept beside the whole row only once asked for.
    /// </summary>
    public MarkupString Body(TimeZoneInfo zone, string status) => new(Variant(zone, status).Body(OpenTagLength));

    /// <summary>The row element's attributes, the same in both forms.</summary>
    public IEnumerable<KeyValuePair<string, object>> Attributes()
    {
        yield return new("class", "message");
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
    }

    // Fixed per message (no zone or status in it); a racing second computation writes the same value.
    private int openTagLength = -1;

    private int OpenTagLength => openTagLength >= 0 ? openTagLength : openTagLength = OpenTag().Length;

    private string OpenTag() =>
        "<div" + string.Concat(Attributes().Select(a => $" {a.Key}=\"{WebUtility.HtmlEncode((string)a.Value)}\"")) + ">";

    private CachedRow Variant(TimeZoneInfo zone, string status)
    {
        var cached = variants;
        foreach (var variant in cached)
        {
            if (string.Equals(variant.Zone.Id, zone.Id, StringComparison.Ordinal) && string.Equals(variant.Status, status, StringComparison.Ordinal))
            {
                return variant;
            }
        }
        var edited = message.EditedAt is { } at
            ? $"<span class=\"message-edited\" title=\"edited {at.ToString("u", CultureInfo.InvariantCulture)}\">(edited)</span>"
            : "";
        var content = message.Deleted
            ? "<div class=\"message-deleted\">message deleted</div>"
            : $"<div class=\"message-text\" data-testid=\"message-text\">{text}</div>";
        var markup =
            OpenTag() +
            $"<div class=\"message-meta\"><span class=\"message-author\">{author}</span>" +
            $"<span class=\"presence-dot presence-{status}\" data-testid=\"user-presence\" data-user=\"{author}\" data-status=\"{status}\" title=\"{author}: {status}\" aria-label=\"{status}\"></span>" +
            $"<time class=\"message-time\" datetime=\"{message.SentAt:O}\" title=\"{message.SentAt.ToString("u", CultureInfo.InvariantCulture)}\">" +
            $"{TimeZoneInfo.ConvertTime(message.SentAt, zone).ToString("HH:mm", CultureInfo.InvariantCulture)}</time>{edited}</div>" +
            $"{content}</div>";
        var row = new CachedRow(zone, status, markup);
        if (cached.Length < MaxCachedVariants)
        {
            // A race may lose one of two new entries: it is only made again later, never wrong.
            variants = [.. cached, row];
        }
        return row;
    }

    private sealed class CachedRow(TimeZoneInfo zone, string status, string markup)
    {
        private string? body;

        public TimeZoneInfo Zone => zone;

        public string Status => status;

        public string Markup => markup;

        // Only rows someone may act on are written around their body: most rows never make one.
        public string Body(int openTagLength) => body ??= markup[openTagLength..^"</div>".Length];
    }
}
