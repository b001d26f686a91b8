using ChatApp.Core.Presence;
using Microsoft.Extensions.Hosting;

namespace ChatApp.Redis.Presence;

/// <summary>
/// Runs the replicator's loops with the app. Asking for the tracker builds it, and the tracker attaches itself to the
/// replicator, so the loops never start without it. Stopping is the graceful path: the node's users leave every
/// other node at once.
/// </summary>
internal sealed class PresenceReplicationHost(PresenceTracker tracker, RedisPresenceReplicator replicator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = tracker.NodeId;
        return replicator.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => replicator.StopAsync(cancellationToken);
}
