using ChatApp.Core.Presence;
using ChatApp.Redis;
using ChatApp.Redis.Presence;
using ChatApp.Tests.Infrastructure;
using ChatApp.Tests.Presence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Backplane.Presence;

/// <summary>
/// One app instance's presence: a tracker on a fake clock (its debounce moves only when the test says) replicating
/// through a <see cref="RedisPresenceReplicator"/> on real Redis, in real time. Changes are delivered to subscribers
/// at once (zero diff tick), so what a node shows can be waited for without moving its clock.
/// </summary>
internal sealed class ReplicatedNode : IAsyncDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(5);

    private readonly ILoggerFactory loggers;
    private bool stopped;

    public ReplicatedNode(string nodeId, BackplaneOptions backplane)
    {
        loggers = LoggerFactory.Create(builder => builder.AddProvider(Logs));
        Backplane = new RedisBackplane(Microsoft.Extensions.Options.Options.Create(backplane), loggers.CreateLogger<RedisBackplane>());
        Replicator = new RedisPresenceReplicator(Backplane, TimeProvider.System, loggers.CreateLogger<RedisPresenceReplicator>());
        Tracker = new PresenceTracker(Time, Microsoft.Extensions.Options.Options.Create(new PresenceOptions
        {
            NodeId = nodeId,
            DiffTick = TimeSpan.Zero,
            LeaveDebounce = Debounce,
        }), Replicator);
    }

    public static async Task<ReplicatedNode> StartAsync(string nodeId, BackplaneOptions backplane)
    {
        var node = new ReplicatedNode(nodeId, backplane);
        await node.Replicator.StartAsync();
        return node;
    }

    public LogCollector Logs { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RedisBackplane Backplane { get; }

    public RedisPresenceReplicator Replicator { get; }

    public PresenceTracker Tracker { get; }

    public string NodeId => Tracker.NodeId;

    public PresenceMeta Track(string key, string connectionId, string topic = "site") =>
        Tracker.Track(topic, key, connectionId, new PresenceInfo(key.ToUpperInvariant(), null));

    public Recorder Subscribe(string viewer = "carol", string topic = "site")
    {
        var recorder = new Recorder();
        recorder.Subscription = Tracker.Subscribe(topic, viewer, recorder.Handle);
        return recorder;
    }

    /// <summary>The user as a third person sees them here, or null.</summary>
    public PresenceUser? User(string key, string topic = "site") => Tracker.Get(topic, key, "carol");

    public IReadOnlyList<string> Keys(string topic = "site") => [.. Tracker.List(topic, "carol").Users.Select(u => u.Key).Order()];

    /// <summary>Every (key, node, connection) here, for comparing two nodes' views.</summary>
    public IReadOnlyList<string> Connections(string topic = "site") =>
        [.. Tracker.List(topic, "carol").Users.SelectMany(u => u.Metas.Select(m => $"{u.Key}/{m.NodeId}/{m.ConnectionId}/{m.Status}")).Order()];

    public bool Logged(EventId id) => Logs.Entries.Any(e => e.EventId == id);

    /// <summary>Moves this node's clock past the leave debounce and waits for what it delivers.</summary>
    public async Task PassDebounceAsync()
    {
        Time.Advance(Debounce + TimeSpan.FromMilliseconds(1));
        await Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits (bounded) for a condition that other threads and nodes will make true.</summary>
    public static async Task Eventually(Func<bool> condition, string what, int seconds = 20, Func<string>? detail = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + TimeSpan.FromSeconds(seconds).Ticks * TimeProvider.System.TimestampFrequency / TimeSpan.TicksPerSecond;
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Never happened: {what} {detail?.Invoke()}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Stops without the graceful goodbye and drops the connection, as a killed process would.</summary>
    public async Task KillAsync()
    {
        stopped = true;
        await Replicator.AbandonAsync();
        Backplane.Dispose();
        Tracker.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await Replicator.DisposeAsync();
            Backplane.Dispose();
            Tracker.Dispose();
        }
        loggers.Dispose();
    }
}
