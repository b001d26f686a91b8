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
    /// <paramref name="zone"/> sees them, and the text as formatted Markdown (<see cref="MessageText"/>) with the
    /// mentioned people's current <paramref name="names"/>; highlighted when it mentions <paramref name="viewerId"/>.
    /// </summary>
    public MarkupString Html(TimeZoneInfo zone, string status, string? viewerId = null, MentionNames? names = null)
    {
        var html = text.Html(names);
        var mentionsMe = text.Mentions(viewerId);
        var cached = variants;
        foreach (var variant in cached)
        {
            if (string.Equals(variant.Zone.Id, zone.Id, StringComparison.Ordinal) && string.Equals(variant.Status, status, StringComparison.Ordinal)
                && variant.MentionsMe == mentionsMe && ReferenceEquals(variant.Text, html))
            {
                return variant.Markup;
            }
        }
        if (cached.Length > 0 && !ReferenceEquals(cached[0].Text, html))
        {
            // A mentioned person was renamed: the rows with the old name go.
            cached = [];
        }
        var markup = new MarkupString(
            $"<div class=\"message{(mentionsMe ? " message-mentions-me" : "")}\" data-testid=\"message\" data-message-id=\"{message.Seq.ToString(CultureInfo.InvariantCulture)}\" data-author=\"{author}\"{(mentionsMe ? MentionsMeAttribute : "")}>" +
            $"<div class=\"message-meta\"><span class=\"message-author\">{author}</span>" +
            $"<span class=\"presence-dot presence-{status}\" data-testid=\"user-presence\" data-user=\"{author}\" data-status=\"{status}\" title=\"{author}: {status}\" aria-label=\"{status}\"></span>" +
            $"<time class=\"message-time\" datetime=\"{message.SentAt:O}\" title=\"{message.SentAt.ToString("u", CultureInfo.InvariantCulture)}\">" +
            $"{TimeZoneInfo.ConvertTime(message.SentAt, zone).ToString("HH:mm", CultureInfo.InvariantCulture)}</time></div>" +
            $"<div class=\"message-text\" data-testid=\"message-text\">{html}</div></div>");
        if (cached.Length < MaxCachedVariants)
        {
            // A race may lose one of two new entries: it is only made again later, never wrong.
            variants = [.. cached, new CachedRow(zone, status, mentionsMe, html, markup)];
        }
        return markup;
    }

    private const string MentionsMeAttribute = " data-mentions-me=\"true\"";

    private sealed record CachedRow(TimeZoneInfo Zone, string Status, bool MentionsMe, string Text, MarkupString Markup);
}
