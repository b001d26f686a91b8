using System.Runtime.CompilerServices;
using ChatApp.Core.Presence;

namespace ChatApp.Web.Components.Presence;

/// <summary>How statuses read in the UI and in the data-status attributes of the UI contract.</summary>
public static class PresenceText
{
    public const string Offline = "offline";

    public static string Attribute(PresenceStatus status) => status.ToString().ToLowerInvariant();

    public static string Label(PresenceStatus status) => status switch
    {
        PresenceStatus.Online => "Online",
        PresenceStatus.Busy => "Busy",
        PresenceStatus.Away => "Away",
        PresenceStatus.Invisible => "Invisible",
        _ => "Reconnecting…",
    };

    public static string Initials(string displayName)
    {
        var parts = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..Math.Min(2, parts[0].Length)].ToUpperInvariant(),
            _ => $"{char.ToUpperInvariant(parts[0][0])}{char.ToUpperInvariant(parts[^1][0])}",
        };
    }

    // Sorted once per snapshot version and shared by every viewer of it, as the snapshot itself is: a change in a
    // room of 5,000 open tabs costs one sort, not 5,000.
    private static readonly ConditionalWeakTable<PresenceSnapshot, List<PresenceUser>> SortedForEveryone = new();

    /// <summary>
    /// The users this viewer sees, online first, then busy, away, and reconnecting last; by name within each.
    /// The list is shared: read it, never change it.
    /// </summary>
    public static List<PresenceUser> Sorted(PresenceView view)
    {
        var everyone = SortedForEveryone.GetValue(view.Snapshot, static s => Sort(s.For(RoomPresenceService.PublicViewer).Users));
        if (view.Get(view.ViewerKey) is not { } self || view.Snapshot.For(RoomPresenceService.PublicViewer).Get(view.ViewerKey) is not null)
        {
            return everyone;
        }
        // The viewer is invisible: only they see themselves in the list.
        return Sort(everyone.Append(self));
    }

    private static List<PresenceUser> Sort(IEnumerable<PresenceUser> users) =>
        users.OrderByDescending(u => u.Status.Presence())
            .ThenBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(u => u.Key, StringComparer.Ordinal)
            .ToList();

    public static string LastSeen(DateTimeOffset lastSeen, DateTimeOffset now)
    {
        var ago = now - lastSeen;
        return ago switch
        {
            { TotalMinutes: < 1 } => "last seen just now",
            { TotalHours: < 1 } => $"last seen {(int)ago.TotalMinutes} min ago",
            { TotalDays: < 1 } => $"last seen {(int)ago.TotalHours} h ago",
            _ => $"last seen {lastSeen:yyyy-MM-dd}",
        };
    }
}
