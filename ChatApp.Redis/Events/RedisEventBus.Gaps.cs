using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatApp.Redis.Events;

public sealed partial class RedisEventBus
{
    /// <summary>
    /// Pub/sub keeps nothing for a node that is away, so a connection that comes back means events may have been lost
    /// both ways, on keys nobody can list:
    /// <list type="bullet">
    /// <item>Coming in (the subscription connection): once the multiplexer has subscribed again, proven by a PING
    /// answered on that connection after it, every subscriber on this node gets a gap and every observer
    /// <see cref="Core.Events.EventKey.All"/>. Raised after the subscription is back, so nothing published after the
    /// gap is missed; raised even if the PING fails (a gap costs a reread, a missed one shows stale data).</item>
    /// <item>Going out (the interactive connection, <see cref="RedisBackplane.Restored"/>'s): our events since it
    /// was lost never reached the others, so we publish a gap notice on <c>events:*</c> and each other node raises
    /// the same gaps. It leaves after whatever was still queued on the connection, so it is the last thing heard.</item>
    /// </list>
    /// With RESP3 one connection carries both, and does both. The multiplexer's own event is used rather than
    /// <see cref="RedisBackplane.Restored"/> because that one reports the interactive connection only.
    /// </summary>
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        var singleConnection = IsResp3(e);
        if (e.ConnectionType == ConnectionType.Subscription || singleConnection)
        {
            _ = ResubscribedAsync();
        }
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            logger.LogInformation(GapRaised, "Back on Redis: telling the other nodes that events of this node may have been lost");
            Send(backplane.Channel(ChannelPrefix + Core.Events.EventKey.All.Value), () => EventEnvelope.ForGap(NodeId));
        }
    }

    private bool IsResp3(ConnectionFailedEventArgs e)
    {
        try
        {
            return e.ConnectionType == ConnectionType.Interactive && e.EndPoint is { } endpoint
                && backplane.Multiplexer.GetServer(endpoint).Protocol >= RedisProtocol.Resp3;
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task ResubscribedAsync()
    {
        try
        {
            await backplane.Subscriber.PingAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "The subscription connection dropped again before it was proven: raising the gap anyway");
        }
        logger.LogInformation(GapRaised, "Back on Redis: every subscriber on this node ({Keys} keys) rereads what it shows", local.KeyCount);
        local.RaiseGapOnEveryKey();
    }

    private void OnGapNotice(string node)
    {
        logger.LogInformation(GapRaised, "Node {Node} is back on Redis: every subscriber on this node ({Keys} keys) rereads what it shows",
            node, local.KeyCount);
        local.RaiseGapOnEveryKey();
    }
}
