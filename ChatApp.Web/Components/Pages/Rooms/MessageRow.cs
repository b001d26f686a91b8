using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using ChatApp.Core.Chat;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// A message row's markup, made once per message and shared by every tab that shows it. A room of a thousand tabs
/// used to encode, format and diff the same author, text and times a thousand times per message; now each tab adds
/// only what is its own (the row element with its key, and the time in its zone with the author's status, itself
/// shared per zone and status). Markup frames compare by reference first, so an unchanged row costs a tab's diff
/// almost nothing. Text and names are HTML-encoded here: a markup frame is inserted as HTML.
/// </summary>
public sealed class MessageRow
{
    // Keyed by the message object itself: tabs that got the same message (from the bus or the shared history) share
    // its row, and a row lives exactly as long as some tab still holds its message.
    private static readonly ConditionalWeakTable<MessageView, MessageRow> Rows = new();
    private static readonly ConditionalWeakTable<MessageView, MessageRow>.CreateValueCallback Create = m => new MessageRow(m);

    // Few zones and five statuses; past this many combinations a row stops caching (a room read from many zones).
    private const int MaxCachedMetas = 16;

    private readonly MessageView message;
    private readonly string author;
    private volatile CachedMeta[] metas = [];

    private MessageRow(MessageView message)
    {
        this.message = message;
        author = WebUtility.HtmlEncode(message.AuthorName);
        Seq = message.Seq.ToString(CultureInfo.InvariantCulture);
        Text = new MarkupString($"<div class=\"message-text\" data-testid=\"message-text\">{WebUtility.HtmlEncode(message.Text)}</div>");
    }

    public static MessageRow Of(MessageView message) => Rows.GetValue(message, Create);

    /// <summary>The message's number in its room, as <c>data-message-id</c>.</summary>
    public string Seq { get; }

    /// <summary>The message's text, line breaks kept (the element is <c>white-space: pre-wrap</c>).</summary>
    public MarkupString Text { get; }

    /// <summary>The author, their presence dot and the time, as a viewer in <paramref name="zone"/> sees them.</summary>
    public MarkupString Meta(TimeZoneInfo zone, string status)
    {
        var cached = metas;
        foreach (var meta in cached)
        {
            if (string.Equals(meta.Zone.Id, zone.Id, StringComparison.Ordinal) && string.Equals(meta.Status, status, StringComparison.Ordinal))
            {
                return meta.Markup;
            }
        }
        var markup = new MarkupString(
            $"<div class=\"message-meta\"><span class=\"message-author\">{author}</span>" +
            $"<span class=\"presence-dot presence-{status}\" data-testid=\"user-presence\" data-user=\"{author}\" data-status=\"{status}\" title=\"{author}: {status}\" aria-label=\"{status}\"></span>" +
            $"<time class=\"message-time\" datetime=\"{message.SentAt:O}\" title=\"{message.SentAt.ToString("u", CultureInfo.InvariantCulture)}\">" +
            $"{TimeZoneInfo.ConvertTime(message.SentAt, zone).ToString("HH:mm", CultureInfo.InvariantCulture)}</time></div>");
        if (cached.Length < MaxCachedMetas)
        {
            // A race may lose one of two new entries: it is only made again later, never wrong.
            metas = [.. cached, new CachedMeta(zone, status, markup)];
        }
        return markup;
    }

    private sealed record CachedMeta(TimeZoneInfo Zone, string Status, MarkupString Markup);
}
