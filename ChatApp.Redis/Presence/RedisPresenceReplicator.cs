using System.Collections.Concurrent;
using System.Threading.Channels;
using ChatApp.Core.Presence;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatApp.Redis.Presence;

/// <summary>
/// Presence across nodes on Redis, Phoenix.Tracker style: each node is authoritative for its own circuits. The tracker
/// hands every local change to <see cref="Publish"/> (only queued: it holds a topic's lock); a send loop ships what
/// is queued as one numbered batch on <c>presence:deltas</c> and, in the same Lua script, keeps the node's whole
/// state in the hash <c>presence:state:{node}</c>. Receivers apply a node's batches strictly in seq order and re-read
/// its hash on a gap, on a generation they have not loaded, or after their own reconnect, replacing that node's metas
/// by it (a diff, so nobody flaps). A lease per node, renewed by every node and checked by every other, drops a dead
/// node's users; a graceful stop says goodbye so they leave at once (after the leave debounce). Sending:
/// RedisPresenceReplicator.Sending.cs; receiving and leases: RedisPresenceReplicator.Receiving.cs.
/// </summary>
public sealed partial class RedisPresenceReplicator(RedisBackplane backplane, TimeProvider time, ILogger<RedisPresenceReplicator> logger)
    : IPresenceReplicator, IAsyncDisposable, IDisposable
{
    public static readonly EventId StateRepublished = new(1620, "PresenceStateRepublished");
    public static readonly EventId NodeRepaired = new(1621, "PresenceNodeRepaired");
    public static readonly EventId NodeDown = new(1622, "PresenceNodeDown");
    public static readonly EventId NodeLeft = new(1623, "PresenceNodeLeft");
    public static readonly EventId SendFailed = new(1624, "PresenceSendFailed");
    public static readonly EventId LeaseLost = new(1625, "PresenceLeaseLost");

    private readonly string incarnation = Guid.NewGuid().ToString("N");
    private readonly Channel<PresenceReplicationMessage?> outbox =
        Channel.CreateUnbounded<PresenceReplicationMessage?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<Work> work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> loops = [];
    private IPresenceReplicaSink? sink;
    private ChannelMessageQueue? subscription;
    private int state; // 0 new, 1 running, 2 stopped

    /// <summary>The deployment's name of this node (Presence:NodeId).</summary>
    public string NodeId => Sink.NodeId;

    /// <summary>A new one per start: a node restarting under the same name is told apart from its old self.</summary>
    public string Incarnation => incarnation;

    /// <summary>A node whose lease is older than this is dropped by the others (Backplane:NodeDownAfter).</summary>
    public TimeSpan NodeDownAfter => backplane.NodeDownAfter;

    /// <summary>How often a node looks at the others' leases (and at their states' seq, to catch a lost last batch).</summary>
    internal TimeSpan CheckEvery => NodeDownAfter / 6;

    /// <summary>
    /// The lease's time to live: NodeDownAfter less one check, so a dead node is noticed within NodeDownAfter of its
    /// last renewal, not a check later.
    /// </summary>
    internal TimeSpan LeaseTtl => NodeDownAfter - CheckEvery;

    internal TimeSpan RenewEvery => NodeDownAfter / 3;

    private IPresenceReplicaSink Sink => sink ?? throw new InvalidOperationException("The presence tracker has not attached yet.");

    private IDatabase Database => backplane.Database;

    private RedisChannel DeltaChannel => backplane.Channel("presence:deltas");

    private RedisKey NodesKey => backplane.Key("presence:nodes");

    public void Attach(IPresenceReplicaSink sink)
    {
        if (Interlocked.CompareExchange(ref this.sink, sink, null) is not null)
        {
            throw new InvalidOperationException("One replicator serves one presence tracker.");
        }
    }

    public void Publish(PresenceReplicationMessage message) => outbox.Writer.TryWrite(message);

    /// <summary>Starts the loops; returns at once (Redis may be down: the node works on its own until it is back).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _ = Sink;
        if (Interlocked.CompareExchange(ref state, 1, 0) != 0)
        {
            return Task.CompletedTask;
        }
        backplane.Restored += OnRestored;
        backplane.Closing += SayGoodbye;
        var token = stopping.Token;
        RequestRewrite();
        loops.Add(Task.Run(() => SendLoopAsync(token), CancellationToken.None));
        loops.Add(Task.Run(() => WorkLoopAsync(token), CancellationToken.None));
        loops.Add(Task.Run(() => SubscribeAsync(token), CancellationToken.None));
        loops.Add(Task.Run(() => RenewLoopAsync(token), CancellationToken.None));
        loops.Add(Task.Run(() => CheckLoopAsync(token), CancellationToken.None));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The graceful stop: deletes this node's lease and state and says goodbye, so every other node drops its users
    /// at once (without their leave debounce) instead of waiting for the lease to run out.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        // One stop for every caller: the host's stop, the connection closing and disposal can come at once and in any
        // order (a test server's host is disposed while it stops), and each must wait for the same goodbye.
        Task stop;
        lock (stopGate)
        {
            stop = stopTask ??= StopOnceAsync();
        }
        return stop.WaitAsync(cancellationToken);
    }

    /// <summary>The app is stopping (see <see cref="IPresenceReplicator.LeaveAsync"/>): the same goodbye as <see cref="StopAsync"/>.</summary>
    public Task LeaveAsync(CancellationToken cancellationToken) => StopAsync(cancellationToken);

    private async Task StopOnceAsync()
    {
        if (!await HaltAsync())
        {
            return;
        }
        try
        {
            var goodbye = PresenceWire.Serialize(new WireBatch(NodeId, "", 0, BatchKind.Left, []));
            await Database.ScriptEvaluateAsync(PresenceScripts.Leave, [LeaseKey(NodeId), StateKey(NodeId), NodesKey],
                [NodeId, (RedisValue)DeltaChannel.ToString(), goodbye]);
            logger.LogInformation(NodeLeft, "Presence node {Node} left the deployment", NodeId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogWarning(SendFailed, ex, "Presence node {Node} could not say goodbye: the others drop its users when its lease runs out", NodeId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopping.Dispose();
    }

    private readonly Lock stopGate = new();
    private Task? stopTask;

    public void Dispose() => SayGoodbye();

    // The connection may be disposed before this replicator is stopped or disposed (a host disposed before it is
    // stopped, as WebApplicationFactory does, disposes in no order we choose): the goodbye goes out just before it
    // closes. On the thread pool, not on the caller's synchronization context, whose few threads this wait may hold.
    private void SayGoodbye() => Task.Run(() => StopAsync()).GetAwaiter().GetResult();

    /// <summary>For tests: stops every loop without the goodbye, as a killed process or a cut network would.</summary>
    internal Task AbandonAsync() => HaltAsync();

    /// <summary>Stops the loops; false if they were not running.</summary>
    private async Task<bool> HaltAsync()
    {
        if (Interlocked.Exchange(ref state, 2) != 1)
        {
            return false;
        }
        backplane.Restored -= OnRestored;
        backplane.Closing -= SayGoodbye;
        // Changes made while the app shuts down are not queued for nobody.
        outbox.Writer.TryComplete();
        await stopping.CancelAsync();
        try
        {
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }
        if (subscription is { } queue)
        {
            try
            {
                await queue.UnsubscribeAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
            }
        }
        return true;
    }

    /// <summary>Redis is back: others may have missed our batches and we theirs, so both sides start again from state.</summary>
    private void OnRestored()
    {
        RequestRewrite();
        work.Writer.TryWrite(new RepairAll("Redis came back"));
    }

    private RedisKey StateKey(string node) => backplane.Key($"presence:state:{node}");

    private RedisKey LeaseKey(string node) => backplane.Key($"presence:lease:{node}");

    private async Task DelayAsync(TimeSpan delay, CancellationToken token) => await Task.Delay(delay, time, token);

    private static bool IsTransient(Exception ex) => ex is RedisException or TimeoutException;

    private abstract record Work;

    private sealed record Received(WireBatch Batch) : Work;

    private sealed record RepairAll(string Reason) : Work;

    private sealed record CheckLeases : Work;
}
