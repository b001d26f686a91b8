namespace ChatApp.Core.Presence;

/// <summary>The one rule for what a connection's meta shows.</summary>
internal static class ConnectionStatus
{
    /// <summary>
    /// A meta's status and connection state from: the status its key chose (a chosen Invisible always wins), the
    /// status asked for this connection (null follows the choice), its tab's activity (an idle or hidden tab that
    /// would show Online shows Away) and its connection (down shows as reconnecting, see
    /// <see cref="PresenceMeta.ShownStatus"/>).
    /// </summary>
    public static (PresenceStatus Status, bool IsReconnecting) Of(PresenceStatus chosen, PresenceStatus? requested, ConnectionRegistry.State connection)
    {
        var status = chosen == PresenceStatus.Invisible ? chosen : requested ?? chosen;
        if (status == PresenceStatus.Online && connection.IsAway)
        {
            status = PresenceStatus.Away;
        }
        return (status, connection.IsDown);
    }
}
