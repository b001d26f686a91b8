namespace ChatApp.Core.Presence;

/// <summary>
/// A meta's status. <see cref="Reconnecting"/> is never chosen: it is how a meta of a connection that is down is shown.
/// </summary>
public enum PresenceStatus
{
    Online,
    Busy,
    Away,
    Invisible,
    Reconnecting,
}

public static class PresenceStatusExtensions
{
    /// <summary>
    /// How present a status is; a user's shown status is the most present of their metas.
    /// Reachable beats do-not-disturb beats idle; a working connection (even an invisible one, which only the
    /// user sees) beats one that is trying to come back.
    /// </summary>
    public static int Presence(this PresenceStatus status) => status switch
    {
        PresenceStatus.Online => 4,
        PresenceStatus.Busy => 3,
        PresenceStatus.Away => 2,
        PresenceStatus.Invisible => 1,
        _ => 0,
    };

    public static bool CanBeChosen(this PresenceStatus status) =>
        status is PresenceStatus.Online or PresenceStatus.Busy or PresenceStatus.Away or PresenceStatus.Invisible;
}
