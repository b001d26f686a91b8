namespace ChatApp.Core.Presence;

/// <summary>A connection's outages: reconnecting, back up, or untracked when the grace runs out (state: PresenceTracker.cs).</summary>
public sealed partial class PresenceTracker
{
    // A dropped connection shows as reconnecting only once it has stayed down for a diff tick. Blazor reports a tab
    // that closes or reloads as its connection dropping and, a moment later, its circuit closing; a topic flushes its
    // first change after a quiet spell at once (TopicTimers), so without this wait every reload and every closed tab
    // would show its user as reconnecting to everyone. Null in immediate mode (DiffTick 0): shown at once.
    private readonly DeadlineQueue<Outage>? reconnectingQueue;

    /// <summary>
    /// The connection dropped: its metas show as reconnecting (one diff tick later, see <see cref="ShowReconnecting"/>)
    /// until it is up again or the grace runs out.
    /// </summary>
    public void ConnectionDown(string connectionId)
    {
        var outage = Connections.MarkDown(connectionId);
        if (outage == 0)
        {
            return;
        }
        if (reconnectingQueue is null)
        {
            RefreshConnection(connectionId);
        }
        else
        {
            reconnectingQueue.Add(new Outage(connectionId, outage));
        }
        if (Options.DisconnectGrace == TimeSpan.Zero)
        {
            EndOutage(new Outage(connectionId, outage));
        }
        else
        {
            graceQueue?.Add(new Outage(connectionId, outage));
        }
    }

    /// <summary>The connection is back: its metas show their own status again. Harmless if it was not down.</summary>
    public void ConnectionUp(string connectionId)
    {
        if (Connections.MarkUp(connectionId))
        {
            RefreshConnection(connectionId);
        }
    }

    /// <summary>The connection is still down a diff tick after it dropped: its metas show as reconnecting now.</summary>
    private void ShowReconnecting(Outage outage)
    {
        if (Connections.IsStillDown(outage.ConnectionId, outage.Epoch))
        {
            RefreshConnection(outage.ConnectionId);
        }
    }

    private void EndOutage(Outage outage)
    {
        if (Connections.IsStillDown(outage.ConnectionId, outage.Epoch))
        {
            UntrackConnection(outage.ConnectionId);
        }
    }

    private readonly record struct Outage(string ConnectionId, long Epoch);
}
