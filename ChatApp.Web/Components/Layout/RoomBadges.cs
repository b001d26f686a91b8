using System.Globalization;
using ChatApp.Core.Chat.Reading;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ChatApp.Web.Components.Layout;

/// <summary>
/// A room link's unread and mention badges, as markup rather than a component (as <see cref="PlainIcon"/>): a tab
/// lists every room twice (drawer and rooms page), and badges hold no state of their own. Any link to a room can use
/// it (rooms, direct conversations).
/// </summary>
public static class RoomBadges
{
    public static RenderFragment For(UnreadCount count) => builder =>
    {
        if (count.Mentions > 0)
        {
            Badge(builder, "room-mentions", "room-badge room-badge-mentions", count.Mentions, "@" + Shown(count.Mentions),
                count.Mentions == 1 ? "1 mention" : $"{count.Mentions} mentions");
        }
        if (count.Unread > 0)
        {
            Badge(builder, "room-unread", "room-badge room-badge-unread", count.Unread, Shown(count.Unread),
                count.Unread == 1 ? "1 unread message" : $"{count.Unread} unread messages");
        }
    };

    // A badge stays small: the exact number is in data-count (and the label) for tests and screen readers.
    private static string Shown(int n) => n > 99 ? "99+" : n.ToString(CultureInfo.InvariantCulture);

    private static void Badge(RenderTreeBuilder builder, string testId, string classes, int count, string text, string label)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", classes);
        builder.AddAttribute(2, "data-testid", testId);
        builder.AddAttribute(3, "data-count", count.ToString(CultureInfo.InvariantCulture));
        builder.AddAttribute(4, "aria-label", label);
        builder.AddAttribute(5, "title", label);
        builder.AddContent(6, text);
        builder.CloseElement();
    }
}
