using System.Collections.Concurrent;
using ChatApp.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Presence;

/// <summary>
/// The presence engine (register as a singleton). Tracks who is present in which topic with one meta per connection,
/// publishes coalesced, viewer-filtered changes to subscribers, and replicates local changes through
/// <see cref="IPresenceReplicator"/>. Every method is thread-safe; the ones the circuit lifecycle may repeat are idempotent.
/// </summary>
public sealed partial class PresenceTracker : IPresenceReplicaSink, IDisposable
{
    private readonly ConcurrentDictionary<string, TopicState> topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PresenceStatus> chosenStatuses = new(StringComparer.Ordinal);
    private readonly IPresenceReplicator replicator;
    private readonly bool replicating;
    private readonly DeadlineQueue<Outage>? graceQueue;
    private long choiceEpoch;

    // Refs only need to be unique, here and apart from other nodes' refs (a random start). Each thread takes its refs
    // from a block of its own, so threads tracking at once do not fight over one counter's cache line on every change.
    private const long RefBlock = 1024;
    private static long lastRefBlockEnd = Random.Shared.NextInt64(1, long.MaxValue / 2);
    [ThreadStatic]
    private static long lastRefInBlock;
    [ThreadStatic]
    private static long refBlockEnd;

    public PresenceTracker(
        TimeProvider time,
        IOptions<PresenceOptions> options,
        IPresenceReplicator? replicator = null,
        ILogger<PresenceTracker>? logger = null,
        ChatMetrics? metrics = null)
    {
        Time = time;
        Options = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.LeaveDebounce, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.DiffTick, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.FlushCostPerSubscriber, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxFlushInterval, Options.DiffTick);
        if (Options.DisconnectGrace < TimeSpan.Zero && Options.DisconnectGrace != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "DisconnectGrace must be zero, positive or infinite.");
        }
        NodeId = Options.ResolvedNodeId;
        Logger = logger ?? (ILogger)NullLogger.Instance;
        this.replicator = replicator ?? NullPresenceReplicator.Instance;
        replicating = this.replicator is not NullPresenceReplicator;
        if (Options.DisconnectGrace > TimeSpan.Zero)
        {
            graceQueue = new DeadlineQueue<Outage>(time, Options.DisconnectGrace, EndOutage);
        }
        if (Options.DiffTick > TimeSpan.Zero)
        {
            reconnectingQueue = new DeadlineQueue<Outage>(time, Options.DiffTick, ShowReconnecting);
        }
        this.replicator.Attach(this);
        Metrics = metrics;
        metrics?.ObservePresence(this);
    }

    public string NodeId { get; }

    internal TimeProvider Time { get; }

    internal PresenceOptions Options { get; }

    internal ILogger Logger { get; }

    /// <summary>Where the engine records its changes, deliveries and flaps (none in tests that do not look).</summary>
    internal ChatMetrics? Metrics { get; }

    internal ConnectionRegistry Connections { get; } = new();

    internal DeliveryMonitor Deliveries { get; } = new();

    internal int TopicCount => topics.Count;

    /// <summary>
    /// Tracks a connection's presence under a key in a topic. Tracking the same (topic, key, connection) again
    /// changes nothing and returns the meta already there. Without <paramref name="status"/> the key's chosen status
    /// is used (see <see cref="SetStatus"/>); a key that chose Invisible stays invisible whatever is asked.
    /// </summary>
    public PresenceMeta Track(string topic, string key, string connectionId, PresenceInfo info, PresenceStatus? status = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentNullException.ThrowIfNull(info);
        ThrowIfNotChoosable(status);
        while (true)
        {
            var state = topics.GetOrAdd(topic, static (name, tracker) => new TopicState(name, tracker), this);
            if (state.TryTrack(key, connectionId, info, status, out var meta))
            {
                return meta;
            }
            Forget(state);
        }
    }

    /// <summary>Untracks one connection's meta; false (and harmless) if it was not tracked.</summary>
    public bool Untrack(string topic, string key, string connectionId) => Untrack(topic, key, NodeId, connectionId);

    /// <summary>Untracks a connection from every topic (the circuit closed); returns how many metas went.</summary>
    public int UntrackConnection(string connectionId)
    {
        var untracked = 0;
        foreach (var membership in Connections.MembershipsOf(connectionId))
        {
            untracked += Untrack(membership.Topic, membership.Key, NodeId, connectionId) ? 1 : 0;
        }
        return untracked;
    }

    /// <summary>
    /// Replaces a connection's meta with one carrying a new ref (its PrevRef is the old one) and the given display
    /// data and/or status. Returns the current meta, or null if the connection is not tracked there.
    /// </summary>
    public PresenceMeta? Update(string topic, string key, string connectionId, PresenceInfo? info = null, PresenceStatus? status = null)
    {
        ThrowIfNotChoosable(status);
        return EditConnection(topic, key, connectionId, new MetaEdit(info, status));
    }

    /// <summary>
    /// A status for one connection in every topic it is in, e.g. Away when its tab is idle or hidden. It does not
    /// override a chosen Invisible. Returns how many metas changed.
    /// </summary>
    public int SetConnectionStatus(string connectionId, PresenceStatus status)
    {
        ThrowIfNotChoosable(status);
        var changed = 0;
        foreach (var membership in Connections.MembershipsOf(connectionId))
        {
            changed += EditConnection(membership.Topic, membership.Key, connectionId, new MetaEdit(Status: status), out var edited) is not null && edited ? 1 : 0;
        }
        return changed;
    }

    /// <summary>
    /// The user chose a status: it applies to every connection of the key in every topic, and to connections
    /// tracked later without a status. Online clears the choice. Returns how many metas changed.
    /// </summary>
    public int SetStatus(string key, PresenceStatus status) => SetStatus(key, status, publish: true);

    /// <summary>The status the key chose (Online if it never chose one).</summary>
    public PresenceStatus ChosenStatus(string key) => chosenStatuses.GetValueOrDefault(key, PresenceStatus.Online);

    public void Dispose()
    {
        graceQueue?.Dispose();
        reconnectingQueue?.Dispose();
        foreach (var state in topics.Values)
        {
            state.Dispose();
        }
        topics.Clear();
    }

    internal static long NextRef()
    {
        if (lastRefInBlock == refBlockEnd)
        {
            refBlockEnd = Interlocked.Add(ref lastRefBlockEnd, RefBlock);
            lastRefInBlock = refBlockEnd - RefBlock;
        }
        return ++lastRefInBlock;
    }

    /// <summary>
    /// Counts status choices, each once it is stored and before its topics are visited: a meta built from the choice
    /// read after the epoch, still equal under the topic's lock, is built from the latest choice or visited afterwards.
    /// </summary>
    internal long ChoiceEpoch => Volatile.Read(ref choiceEpoch);

    /// <summary>Whether local changes go to other nodes; callers skip building a message when not.</summary>
    internal bool Replicating => replicating;

    /// <summary>Computes the connection's metas again from its state (its tab went idle or hidden, it dropped or came back).</summary>
    internal void RefreshConnection(string connectionId)
    {
        foreach (var membership in Connections.MembershipsOf(connectionId))
        {
            EditConnection(membership.Topic, membership.Key, connectionId, new MetaEdit());
        }
    }

    internal void Replicate(PresenceReplicationMessage message)
    {
        if (replicating)
        {
            replicator.Publish(message);
        }
    }

    internal void Forget(TopicState state) => topics.TryRemove(new KeyValuePair<string, TopicState>(state.Name, state));

    /// <summary>Waits until every change handed to subscribers so far has been delivered (for tests and shutdown).</summary>
    internal Task WhenDelivered() => Deliveries.WhenIdle();

    private bool Untrack(string topic, string key, string nodeId, string connectionId, bool evict = false)
    {
        return topics.TryGetValue(topic, out var state) && state.Untrack(key, nodeId, connectionId, evict);
    }

    private int SetStatus(string key, PresenceStatus status, bool publish)
    {
        ThrowIfNotChoosable(status);
        // Stored before the topics are visited, and read again under each topic's lock: a concurrent Track then
        // either sees the new choice or is visited afterwards, and concurrent choices converge on the last one.
        if (status == PresenceStatus.Online)
        {
            chosenStatuses.TryRemove(key, out _);
        }
        else
        {
            chosenStatuses[key] = status;
        }
        // After the store, before the visits: a Track that saw no new choice counted before this (see ChoiceEpoch).
        Interlocked.Increment(ref choiceEpoch);
        if (publish)
        {
            Replicate(new StatusChosen(NodeId, key, status));
        }
        var changed = 0;
        foreach (var state in topics.Values)
        {
            changed += state.FollowChosenStatus(key);
        }
        return changed;
    }

    private PresenceMeta? EditConnection(string topic, string key, string connectionId, MetaEdit edit) =>
        EditConnection(topic, key, connectionId, edit, out _);

    private PresenceMeta? EditConnection(string topic, string key, string connectionId, MetaEdit edit, out bool changed)
    {
        changed = false;
        return topics.TryGetValue(topic, out var state) ? state.EditConnection(key, connectionId, edit, out changed) : null;
    }

    private static void ThrowIfNotChoosable(PresenceStatus? status)
    {
        if (status is { } s && !s.CanBeChosen())
        {
            throw new ArgumentOutOfRangeException(nameof(status), s, "Reconnecting is a connection state, not a status one can choose.");
        }
    }
}
