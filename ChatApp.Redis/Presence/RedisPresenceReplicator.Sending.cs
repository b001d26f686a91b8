using System.Collections.Concurrent;
using System.Globalization;
using ChatApp.Core.Presence;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatApp.Redis.Presence;

/// <summary>
/// The send loop: batches, full rewrites and the lease (the class is in RedisPresenceReplicator.cs). Only this loop
/// writes this node's state hash, so the seq of a generation is consecutive and each batch's hash update and publish
/// happen together in one script.
/// </summary>
public sealed partial class RedisPresenceReplicator
{
    // A batch is bounded so that one script never holds Redis for long; a storm goes out as several in a row.
    private const int MaxBatch = 2000;

    // This node's own status choices, stamped when sent, kept for a rewrite (the hash holds them as "status|ms").
    private readonly ConcurrentDictionary<string, WireChange> ownChoices = new(StringComparer.Ordinal);
    private volatile bool rewriteWanted;
    private string generation = "";
    private long epoch;
    private long seq;
    private bool sendFailureLogged;

    /// <summary>For tests: the next batch updates the state hash but is not published, as if pub/sub lost it.</summary>
    internal bool LoseNextBatch { get; set; }

    /// <summary>The generation (incarnation and rewrite) of the state this node last wrote; empty before the first.</summary>
    internal string Generation => Volatile.Read(ref generation);

    private void RequestRewrite()
    {
        rewriteWanted = true;
        outbox.Writer.TryWrite(null);
    }

    /// <summary>
    /// Sends what is queued at once, as one batch, rather than on a fixed tick: the receivers' trackers already coalesce
    /// into their paced flushes, so a tick here would only add latency; under load batches grow by themselves, since
    /// changes queue while the previous script runs.
    /// </summary>
    private async Task SendLoopAsync(CancellationToken token)
    {
        var batch = new List<PresenceReplicationMessage>();
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (!await outbox.Reader.WaitToReadAsync(token))
                {
                    return;
                }
                if (rewriteWanted)
                {
                    await RewriteAsync(token);
                    continue;
                }
                batch.Clear();
                while (batch.Count < MaxBatch && outbox.Reader.TryRead(out var message))
                {
                    if (message is not null)
                    {
                        batch.Add(message);
                    }
                }
                if (batch.Count > 0)
                {
                    await SendAsync(batch);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                // Not replayed one by one: the local state has them all, and a rewrite sends it whole once Redis answers.
                NoteSendFailure(ex);
                rewriteWanted = true;
                await DelayAsync(TimeSpan.FromMilliseconds(250), token);
            }
        }
    }

    private async Task SendAsync(List<PresenceReplicationMessage> batch)
    {
        if (!backplane.IsConnected || Generation.Length == 0)
        {
            NoteSendFailure(null);
            RequestRewrite();
            return;
        }
        var changes = new WireChange[batch.Count];
        var args = new RedisValue[4 + 3 * batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var change = WireChange.From(batch[i]);
            if (change.Op == 's')
            {
                change = change with { ChosenAt = time.GetUtcNow().ToUnixTimeMilliseconds() };
                ownChoices[change.Key] = change;
            }
            changes[i] = change;
            args[4 + 3 * i] = change.Op == 'u' ? "d" : "s";
            args[5 + 3 * i] = change.Field;
            args[6 + 3 * i] = change.Op == 's' ? change.StatusValue : PresenceWire.Serialize(change);
        }
        var next = seq + 1;
        args[0] = Generation;
        args[1] = next;
        args[2] = LoseNextBatch ? "" : DeltaChannel.ToString();
        args[3] = PresenceWire.Serialize(new WireBatch(NodeId, Generation, next, BatchKind.Delta, changes));
        LoseNextBatch = false;
        var written = (int)await Database.ScriptEvaluateAsync(PresenceScripts.Batch, [StateKey(NodeId)], args);
        if (written == 0)
        {
            // Our state is gone (another node took us for dead while we could not renew): write it all again.
            logger.LogWarning(LeaseLost, "Presence node {Node}: its state in Redis was dropped; writing it again", NodeId);
            RequestRewrite();
            return;
        }
        seq = next;
        sendFailureLogged = false;
    }

    /// <summary>
    /// Writes this node's whole state under a new generation and announces it: at start (replacing an old incarnation's
    /// state under the same name) and whenever batches may have been lost (Redis went away, our state was dropped).
    /// What is queued now is already in the local state, so it is dropped rather than sent after the state.
    /// </summary>
    private async Task RewriteAsync(CancellationToken token)
    {
        if (!backplane.IsConnected)
        {
            while (outbox.Reader.TryRead(out _))
            {
            }
            await DelayAsync(TimeSpan.FromMilliseconds(250), token);
            return;
        }
        rewriteWanted = false;
        while (outbox.Reader.TryRead(out var dropped))
        {
            if (dropped is StatusChosen chosen)
            {
                ownChoices[chosen.Key] = WireChange.From(chosen) with { ChosenAt = time.GetUtcNow().ToUnixTimeMilliseconds() };
            }
        }
        var metas = Sink.LocalState();
        var next = $"{incarnation}:{++epoch}";
        var args = new List<RedisValue>(7 + 2 * (metas.Count + ownChoices.Count))
        {
            next, 0, DeltaChannel.ToString(), PresenceWire.Serialize(new WireBatch(NodeId, next, 0, BatchKind.Announce, [])),
            NodeId, incarnation, (long)LeaseTtl.TotalMilliseconds,
        };
        foreach (var tracked in metas)
        {
            var change = WireChange.From(tracked);
            args.Add(change.Field);
            args.Add(PresenceWire.Serialize(change));
        }
        foreach (var choice in ownChoices.Values)
        {
            args.Add(choice.Field);
            args.Add(choice.StatusValue);
        }
        try
        {
            await Database.ScriptEvaluateAsync(PresenceScripts.Rewrite, [StateKey(NodeId), LeaseKey(NodeId), NodesKey], [.. args]);
        }
        catch
        {
            rewriteWanted = true;
            throw;
        }
        seq = 0;
        Volatile.Write(ref generation, next);
        sendFailureLogged = false;
        logger.LogInformation(StateRepublished, "Presence node {Node} wrote its whole state ({Metas} connections, generation {Generation})",
            NodeId, metas.Count.ToString(CultureInfo.InvariantCulture), next);
    }

    private async Task RenewLoopAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                await DelayAsync(RenewEvery, token);
                if (Generation is { Length: > 0 } current && backplane.IsConnected)
                {
                    var renewed = (int)await Database.ScriptEvaluateAsync(PresenceScripts.Renew, [LeaseKey(NodeId), NodesKey, StateKey(NodeId)],
                        [incarnation, (long)LeaseTtl.TotalMilliseconds, NodeId, current]);
                    if (renewed == 0 && current == Generation)
                    {
                        logger.LogWarning(LeaseLost, "Presence node {Node}: its lease had run out; writing its state again", NodeId);
                        RequestRewrite();
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                NoteSendFailure(ex);
            }
        }
    }

    private void NoteSendFailure(Exception? ex)
    {
        if (!sendFailureLogged)
        {
            sendFailureLogged = true;
            logger.LogWarning(SendFailed, ex, "Presence node {Node} cannot reach Redis: it keeps its own presence and republishes it whole when Redis is back", NodeId);
        }
    }
}
