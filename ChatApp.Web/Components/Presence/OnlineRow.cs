using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using ChatApp.Core.Presence;
using ChatApp.Web.Components.Pages.Direct;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Presence;

/// <summary>
/// One row of the online list as markup, made once per user state and shared by every tab that shows it. A tab's
/// list holds a row as two frames (a keyed element around this markup, see <see cref="OnlineList"/>) instead of the
/// ~10 an element with its hooks as attributes took: the ~24 rows Virtualize draws fit a render buffer of 64 frames
/// instead of 256, in every open tab, twice (current and previous render). The price: a status change
/// re-sends the changed user's whole row (a few hundred bytes) instead of an attribute and the badge, and only for
/// the rows whose user changed. Names and colours are HTML-encoded here: markup is inserted as HTML.
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
        var name = WebUtility.HtmlEncode(user.DisplayName);
        var connections = user.ConnectionCount.ToString(CultureInfo.InvariantCulture);
        var rowClass = user.Status == PresenceStatus.Reconnecting ? "online-user reconnecting" : "online-user";
        var tabs = user.ConnectionCount > 1
            ? $"<span class=\"online-user-tabs\" title=\"{connections} tabs open here\">×{connections}</span>"
            : "";
        // The UI contract's hooks (data-testid, data-user, data-status, data-connections), then MudAvatar's own
        // markup without the component, the name, the status badge and how many tabs when more than one.
        Html = new MarkupString(
            $"<div class=\"{rowClass}\" data-testid=\"online-user\" data-user=\"{name}\" data-status=\"{PresenceText.Attribute(user.Status)}\" data-connections=\"{connections}\">" +
            $"<div role=\"img\" class=\"mud-avatar mud-avatar-small mud-avatar-filled mud-elevation-0\" style=\"background:{WebUtility.HtmlEncode(user.AvatarColor)};color:#fff\">{WebUtility.HtmlEncode(PresenceText.Initials(user.DisplayName))}</div>" +
            $"<span class=\"online-user-name\">{name}</span>" +
            $"<span class=\"{PresenceText.BadgeClass(user.Status)}\" title=\"{PresenceText.Label(user.Status)}\"></span>{tabs}" +
            DirectStart(user.Key, name) + "</div>");
    }

    // A plain link, not a button: shared markup carries no event handlers. It starts (or opens) the conversation with
    // this person; in the viewer's own row, their notes to themself. Its icon is the stylesheet's: an inline SVG made
    // every row 400 bytes longer, sent again to every tab with each presence change of the row.
    private static string DirectStart(string userId, string encodedName) =>
        $"<a class=\"online-user-dm\" href=\"{WebUtility.HtmlEncode(DirectLinks.Start(userId))}\" data-testid=\"dm-start\" data-user=\"{encodedName}\" " +
        $"title=\"Write to {encodedName}\" aria-label=\"Write to {encodedName}\"></a>";

    public static OnlineRow Of(PresenceUser user) => Rows.GetValue(user, Create);

    /// <summary>The whole row: its hooks, avatar, name, status badge and tab count.</summary>
    public MarkupString Html { get; }
}
