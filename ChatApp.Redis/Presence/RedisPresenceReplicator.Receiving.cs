using ChatApp.Core.Presence;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatApp.Redis.Presence;

/// <summary>
/// The receiving side (the class is in RedisPresenceReplicator.cs): one loop applies other nodes' batches, repairs
/// from their state hashes and checks their leases, so everything it knows of them changes on one thread, in order.
/// </summary>
public sealed partial class RedisPresenceReplicator
{
    // Touched only by the work loop.
    private readonly Dictionary<string, NodeView> nodes = new(StringComparer.Ordinal);
    // When the latest status choice of a key that this node applied or made was made (ms), so that a repair never
    // brings back a choice older than one already applied.
    private readonly Dictionary<string, long> choiceTimes = new(StringComparer.Ordinal);

    private async Task SubscribeAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                var queue = await backplane.Subscriber.SubscribeAsync(DeltaChannel);
                queue.OnMessage(message =>
                {
                    try
                    {
                        work.Writer.TryWrite(new Received(PresenceWire.Deserialize<WireBatch>(message.Message!)));
                    }
                    catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
                    {
                        logger.LogWarning(ex, "A presence batch that could not be read was ignored");
                    }
                });
                subscription = queue;
                // Subscribed first, then read: nothing published after the read can be missed.
                work.Writer.TryWrite(new RepairAll("this node started"));
                return;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                await DelayAsync(TimeSpan.FromMilliseconds(500), token);
            }
        }
    }

    private async Task CheckLoopAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                await DelayAsync(CheckEvery, token);
                work.Writer.TryWrite(new CheckLeases());
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WorkLoopAsync(CancellationToken token)
    {
        try
        {
            await foreach (var item in work.Reader.ReadAllAsync(token))
            {
                try
                {
                    switch (item)
                    {
                        case Received received:
                            await ReceiveAsync(received.Batch);
                            break;
                        case RepairAll repair:
                            await RepairAllAsync(repair.Reason);
                            break;
                        case CheckLeases:
                            await CheckLeasesAsync();
                            break;
                    }
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    // Redis is away: the next batch, check or reconnect repairs what this one could not.
                    logger.LogDebug(ex, "Presence: could not read another node's state");
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task ReceiveAsync(WireBatch batch)
    {
        if (batch.Node == NodeId)
        {
            return;
        }
        if (batch.Kind == BatchKind.Left)
        {
            nodes.Remove(batch.Node);
            // A goodbye is a graceful stop: its users leave now, not after this node's debounce.
            var dropped = Sink.DropNode(batch.Node, evict: true);
            logger.LogInformation(NodeLeft, "Presence node {Node} left: its {Count} connections leave", batch.Node, dropped);
            return;
        }
        if (nodes.TryGetValue(batch.Node, out var known) && known.Generation == batch.Generation)
        {
            if (batch.Seq <= known.Seq)
            {
                return;
            }
            if (batch.Seq == known.Seq + 1)
            {
                Apply(known, batch);
                return;
            }
        }
        var reason = known is null ? "a node not loaded yet"
            : known.Generation != batch.Generation ? "a new generation of the node"
            : $"a gap in its batches (expected {known.Seq + 1}, got {batch.Seq})";
        await RepairAsync(batch.Node, reason);
        // Batches up to the state's seq are in it; the next one follows on; anything else waits for a later repair.
        if (nodes.TryGetValue(batch.Node, out known) && known.Generation == batch.Generation && batch.Seq == known.Seq + 1)
        {
            Apply(known, batch);
        }
    }

    private void Apply(NodeView node, WireBatch batch)
    {
        foreach (var change in batch.Changes)
        {
            if (change.Op == 's' && change.ChosenAt is { } at)
            {
                if (at < Math.Max(choiceTimes.GetValueOrDefault(change.Key), OwnChoiceTime(change.Key)))
                {
                    continue;
                }
                choiceTimes[change.Key] = at;
            }
            Sink.ApplyRemote(change.ToMessage(batch.Node));
        }
        node.Seq = batch.Seq;
    }

    /// <summary>Re-reads a node's state and makes its metas here exactly that (a diff: nobody who stayed flaps).</summary>
    private async Task RepairAsync(string node, string reason)
    {
        var entries = await Database.HashGetAllAsync(StateKey(node));
        var snapshot = PresenceWire.Parse(node, entries.Select(e => ((string)e.Name!, (string)e.Value!)));
        if (snapshot is null)
        {
            // No state: the node left or was dropped as dead. Whatever it had here leaves (after the debounce).
            nodes.Remove(node);
            var gone = Sink.ReplaceNode(node, []);
            if (gone > 0)
            {
                logger.LogInformation(NodeRepaired, "Presence node {Node} has no state in Redis ({Reason}): its {Count} connections leave", node, reason, gone);
            }
            return;
        }
        var changed = Sink.ReplaceNode(node, snapshot.Metas);
        foreach (var (key, (status, at)) in snapshot.Statuses)
        {
            if (at > choiceTimes.GetValueOrDefault(key) && at > OwnChoiceTime(key))
            {
                choiceTimes[key] = at;
                if (Sink.ChosenStatus(key) != status)
                {
                    Sink.ApplyRemote(new StatusChosen(node, key, status));
                    changed++;
                }
            }
        }
        var view = new NodeView(snapshot.Generation, snapshot.Seq);
        nodes[node] = view;
        logger.LogInformation(NodeRepaired, "Presence node {Node} re-read from its state at seq {Seq} ({Reason}): {Changed} changes",
            node, snapshot.Seq, reason, changed);
    }

    private long OwnChoiceTime(string key) => ownChoices.TryGetValue(key, out var mine) ? mine.ChosenAt ?? 0 : 0;

    /// <summary>Every other node's state again (this node started, or reconnected and may have missed batches).</summary>
    private async Task RepairAllAsync(string reason)
    {
        var members = await Database.SetMembersAsync(NodesKey);
        var all = new HashSet<string>(members.Select(m => (string)m!), StringComparer.Ordinal);
        all.UnionWith(nodes.Keys);
        all.Remove(NodeId);
        foreach (var node in all)
        {
            await RepairAsync(node, reason);
        }
    }

    /// <summary>
    /// Drops the nodes whose lease ran out (here, and their state in Redis), and repairs a node whose state has
    /// moved past what arrived here for a whole check: its last batch was lost and no later one shows the gap.
    /// </summary>
    private async Task CheckLeasesAsync()
    {
        if (!backplane.IsConnected)
        {
            return;
        }
        var members = await Database.SetMembersAsync(NodesKey);
        var all = new HashSet<string>(members.Select(m => (string)m!), StringComparer.Ordinal);
        all.UnionWith(nodes.Keys);
        all.Remove(NodeId);
        foreach (var node in all)
        {
            if (!await Database.KeyExistsAsync(LeaseKey(node)))
            {
                await Database.ScriptEvaluateAsync(PresenceScripts.Forget, [LeaseKey(node), StateKey(node), NodesKey], [node]);
                nodes.Remove(node);
                var dropped = Sink.DropNode(node);
                logger.PresenceNodeDown(node, dropped);
                continue;
            }
            if (!nodes.TryGetValue(node, out var view))
            {
                await RepairAsync(node, "a node not loaded yet");
                continue;
            }
            var stored = await Database.HashGetAsync(StateKey(node), [PresenceWire.GenerationField, PresenceWire.SeqField]);
            var (generation, seqThere) = ((string?)stored[0], stored[1].IsNull ? 0 : (long)stored[1]);
            var behind = generation != view.Generation || seqThere > view.Seq;
            if (behind && view.BehindSince is { } since && (since.Generation != view.Generation || since.Seq > view.Seq))
            {
                await RepairAsync(node, "its state moved on but its batches did not arrive");
                continue;
            }
            view.BehindSince = behind ? (generation ?? "", seqThere) : null;
        }
    }

    /// <summary>What this node has applied of another node: its generation and the last seq.</summary>
    private sealed class NodeView(string generation, long seq)
    {
        public string Generation { get; } = generation;

        public long Seq { get; set; } = seq;

        /// <summary>The state's (generation, seq) seen at the last check when it was ahead of what arrived here.</summary>
        public (string Generation, long Seq)? BehindSince { get; set; }
    }
}
