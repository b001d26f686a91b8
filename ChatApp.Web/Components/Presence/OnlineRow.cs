using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using ChatApp.Core.Presence;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Presence;

/// <summary>
/// What one row of the online list shows, made once per user state and shared by every tab that shows it. A status
/// change in a room of a thousand tabs used to build the same row (class, title, initials, avatar style, a dozen
/// frames) a thousand times and diff it frame by frame in each; now a row is its keyed element with its hooks as
/// attributes (shared strings) around two markup frames, and an unchanged row costs its diff reference comparisons.
/// The hooks stay attributes and the status its own small block so that a status change sends what changed (an
/// attribute and the badge), not the whole row. Names and colours are HTML-encoded here: markup is inserted as HTML.
/// </summary>
public sealed class OnlineRow
{
    // Keyed by the user object itself: the presence engine keeps the same instance for a user whose state did not
    // change (every snapshot and diff holds it), so a change makes a new row only for the users it changed, and a
    // row lives exactly as long as some snapshot or tab still holds its user.
    private static readonly ConditionalWeakTable<PresenceUser, OnlineRow> Rows = new();
    private static readonly ConditionalWeakTable<PresenceUser, OnlineRow>.CreateValueCallback Create = user => new OnlineRow(user);

    private OnlineRow(PresenceUser user)
    {
        Class = user.Status == PresenceStatus.Reconnecting ? "online-user reconnecting" : "online-user";
        Status = PresenceText.Attribute(user.Status);
        Connections = user.ConnectionCount.ToString(CultureInfo.InvariantCulture);
        // MudAvatar's own markup without the component.
        Identity = new MarkupString(
            $"<div role=\"img\" class=\"mud-avatar mud-avatar-small mud-avatar-filled mud-elevation-0\" style=\"background:{WebUtility.HtmlEncode(user.AvatarColor)};color:#fff\">{WebUtility.HtmlEncode(PresenceText.Initials(user.DisplayName))}</div>" +
            $"<span class=\"online-user-name\">{WebUtility.HtmlEncode(user.DisplayName)}</span>");
        var badge = $"<span class=\"{PresenceText.BadgeClass(user.Status)}\" title=\"{PresenceText.Label(user.Status)}\"></span>";
        Badge = new MarkupString(user.ConnectionCount > 1
            ? $"{badge}<span class=\"online-user-tabs\" title=\"{Connections} tabs open here\">×{Connections}</span>"
            : badge);
    }

    public static OnlineRow Of(PresenceUser user) => Rows.GetValue(user, Create);

    /// <summary>The row's class: dimmed while the user is reconnecting.</summary>
    public string Class { get; }

    /// <summary>The UI contract's <c>data-status</c>.</summary>
    public string Status { get; }

    /// <summary>The UI contract's <c>data-connections</c>: how many of the user's tabs are in the room.</summary>
    public string Connections { get; }

    /// <summary>Avatar and name.</summary>
    public MarkupString Identity { get; }

    /// <summary>The status badge, and how many tabs when more than one.</summary>
    public MarkupString Badge { get; }
}
