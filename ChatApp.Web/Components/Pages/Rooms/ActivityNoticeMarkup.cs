using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// The markup of one line of a room's activity ("Ann joined 12:03"), shared by every tab that shows it. When someone
/// joins a room of a thousand tabs, each tab adds a notice: as elements, attributes and texts that was about fifteen
/// frames per notice, twice per tab (current and previous render buffer), so a full activity list of 100 notices
/// held about 160 KB in every tab. Now a notice is its keyed element around one markup frame, and the markup is one
/// string for all the tabs that see the same person come or go in the same minute in the same time zone.
/// </summary>
public static class ActivityNoticeMarkup
{
    // Past this many lines (people × kind × minute × zone) the cache starts again: only sharing is lost, never a line.
    internal const int MaxShared = 4096;

    private static readonly ConcurrentDictionary<(string Name, string Kind, DateTime LocalMinute), string> Shared = new();

    /// <summary>The line's HTML (name encoded), with the time as a viewer whose clock reads <paramref name="local"/> sees it.</summary>
    public static string Of(string displayName, string kind, DateTime local)
    {
        var key = (displayName, kind, new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0));
        if (Shared.TryGetValue(key, out var markup))
        {
            return markup;
        }
        if (Shared.Count >= MaxShared)
        {
            Shared.Clear();
        }
        var name = WebUtility.HtmlEncode(displayName);
        return Shared.GetOrAdd(key, $"<div class=\"presence-event\" data-testid=\"presence-event\" data-user=\"{name}\" data-kind=\"{kind}\">" +
            $"<span>{name} {kind}</span><time class=\"message-time\">{local.ToString("HH:mm", CultureInfo.InvariantCulture)}</time></div>");
    }
}
