using System.Runtime.CompilerServices;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;

namespace ChatApp.Web.Components.Presence;

/// <summary>The order of the online list, sorted once per snapshot version and shared like the snapshot itself.</summary>
public static class PresenceOrder
{
    // Shared by every viewer of a version: a change in a room of 5,000 open tabs costs one sort, not 5,000.
    private static readonly ConditionalWeakTable<PresenceSnapshot, List<PresenceUser>> SortedForEveryone = new();

    /// <summary>
    /// The users this viewer sees, online first, then busy, away, and reconnecting last; by name within each.
    /// The list is shared: read it, never change it.
    /// </summary>
    public static List<PresenceUser> Sorted(PresenceView view)
    {
        var everyone = SortedForEveryone.GetValue(view.Snapshot, static s => Sort(s.For(RoomPresenceService.PublicViewer).Users));
        // A viewer nobody else sees (invisible) still sees themself: only their own list pays for a sort.
        return view.HiddenSelf is { } self ? Sort(everyone.Append(self)) : everyone;
    }

    private static List<PresenceUser> Sort(IEnumerable<PresenceUser> users) =>
        users.OrderByDescending(u => u.Status.Presence())
            .ThenBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(u => u.Key, StringComparer.Ordinal)
            .ToList();
}
