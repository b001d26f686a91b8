using ChatApp.Core.Presence;

namespace ChatApp.Web.Components.Presence;

/// <summary>How statuses read in the UI and in the data-status attributes of the UI contract.</summary>
public static class PresenceText
{
    public const string Offline = "offline";

    // Literals, not status.ToString().ToLowerInvariant(): a rendered attribute stays in the tab's render buffer for as
    // long as it is shown, so a string built per render is held per tab and per row; a literal is shared by all.
    public static string Attribute(PresenceStatus status) => status switch
    {
        PresenceStatus.Online => "online",
        PresenceStatus.Away => "away",
        PresenceStatus.Busy => "busy",
        PresenceStatus.Invisible => "invisible",
        PresenceStatus.Reconnecting => "reconnecting",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The online list's status badge classes (one shared string per status).</summary>
    public static string BadgeClass(PresenceStatus status) => status switch
    {
        PresenceStatus.Online => "presence-badge presence-online",
        PresenceStatus.Away => "presence-badge presence-away",
        PresenceStatus.Busy => "presence-badge presence-busy",
        PresenceStatus.Invisible => "presence-badge presence-invisible",
        PresenceStatus.Reconnecting => "presence-badge presence-reconnecting",
        _ => "presence-badge presence-" + Attribute(status),
    };

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
