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
