namespace ChatApp.Core.Presence;

public enum PresenceEventKind
{
    /// <summary>The user's first meta appeared (for this viewer).</summary>
    Joined,

    /// <summary>The user's last meta went away (for this viewer), after the leave debounce.</summary>
    Left,

    /// <summary>The user's shown status or display data changed.</summary>
    Updated,
}

/// <summary>
/// A user-level event, derived from metas, as the UI shows it. <see cref="User"/> is the user after the change
/// (before it, for <see cref="PresenceEventKind.Left"/>); <see cref="Previous"/> is set for updates.
/// </summary>
public sealed record PresenceEvent(PresenceEventKind Kind, PresenceUser User, PresenceUser? Previous = null)
{
    public string Key => User.Key;
}
