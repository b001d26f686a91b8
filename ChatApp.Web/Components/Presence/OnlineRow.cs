using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using ChatApp.Core.Presence;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Presence;

/// <summary>
/// One row of the online list as markup, made once per user state and shared by every tab that shows it. A status
/// change in a room of a thousand tabs used to build the same row (class, title, initials, avatar style, a dozen
/// frames) a thousand times and diff it frame by frame in each; now a tab's row is a keyed element around one markup
/// frame, and an unchanged row costs its diff a reference comparison. Names and colours are HTML-encoded here: a
/// markup frame is inserted as HTML.
/// </summary>
public static class OnlineRow
{
    // Keyed by the user object itself: the presence engine keeps the same instance for a user whose state did not
    // change (every snapshot and diff holds it), so a change makes new markup only for the users it changed, and a
    // row lives exactly as long as some snapshot or tab still holds its user.
    private static readonly ConditionalWeakTable<PresenceUser, Row> Rows = new();
    private static readonly ConditionalWeakTable<PresenceUser, Row>.CreateValueCallback Create = user => new Row(Build(user));

    /// <summary>The row's element with the UI contract's hooks (<c>online-user</c>, <c>data-user</c>, <c>data-status</c>, <c>data-connections</c>).</summary>
    public static MarkupString Of(PresenceUser user) => Rows.GetValue(user, Create).Markup;

    private static MarkupString Build(PresenceUser user)
    {
        var name = WebUtility.HtmlEncode(user.DisplayName);
        var connections = user.ConnectionCount.ToString(CultureInfo.InvariantCulture);
        var rowClass = user.Status == PresenceStatus.Reconnecting ? "online-user reconnecting" : "online-user";
        var tabs = user.ConnectionCount > 1
            ? $"<span class=\"online-user-tabs\" title=\"{connections} tabs open here\">×{connections}</span>"
            : "";
        // MudAvatar's own markup without the component.
        return new MarkupString(
            $"<div class=\"{rowClass}\" data-testid=\"online-user\" data-user=\"{name}\" data-status=\"{PresenceText.Attribute(user.Status)}\" data-connections=\"{connections}\">" +
            $"<div role=\"img\" class=\"mud-avatar mud-avatar-small mud-avatar-filled mud-elevation-0\" style=\"background:{WebUtility.HtmlEncode(user.AvatarColor)};color:#fff\">{WebUtility.HtmlEncode(PresenceText.Initials(user.DisplayName))}</div>" +
            $"<span class=\"online-user-name\">{name}</span>" +
            $"<span class=\"{PresenceText.BadgeClass(user.Status)}\" title=\"{PresenceText.Label(user.Status)}\"></span>" +
            tabs +
            "</div>");
    }

    // A class around the markup: a ConditionalWeakTable holds reference types only.
    private sealed record Row(MarkupString Markup);
}
