using System.Text.Json;
using ChatApp.Core.Events;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatApp.Redis.Events;

/// <summary>
/// The <see cref="IEventBus"/> of a deployment of several nodes, on Redis pub/sub (its contract is on the interface).
/// This node's own observers and subscribers are fed by an <see cref="InProcessEventBus"/> (the same mailboxes, the
/// same order and isolation): at once when this node publishes, and when another node's event arrives. Each event
/// also goes to the channel <c>{prefix}:events:{key}</c> as an <see cref="EventEnvelope"/>, fire-and-forget: a
/// publisher never waits for Redis, and never hears of it failing (the event is saved already; the others resync).
/// Every node hears the whole deployment's events on one pattern subscription, <c>{prefix}:events:*</c>.
/// <para>Gaps: see <see cref="OnConnectionRestored"/>.</para>
/// </summary>
public sealed partial class RedisEventBus : IEventBus, IDisposable
{
    /// <summary>A message on the bus's channels was not an event of ours, and was dropped.</summary>
    public static readonly EventId MessageDropped = new(1610, "BusMessageDropped");

    /// <summary>Events could not be sent to Redis (logged at most once per <see cref="FailureLogInterval"/>).</summary>
    public static readonly EventId PublishFailed = new(1611, "BusPublishFailed");

    /// <summary>Events may have been lost (this node or another was away from Redis): subscribers reread.</summary>
    public static readonly EventId GapRaised = new(1612, "BusGapRaised");

    public static readonly TimeSpan FailureLogInterval = TimeSpan.FromSeconds(30);

    private const string ChannelPrefix = "events:";

    private readonly InProcessEventBus local;
    private readonly RedisBackplane backplane;
    private readonly ILogger<RedisEventBus> logger;
    private readonly TimeProvider time;
    private readonly ChannelMessageQueue queue;
    private readonly Lock failureLogGate = new();
    private long failedPublishes;
    private long failedAtLastLog;
    private long? lastFailureLog;
    private long droppedMessages;

    public RedisEventBus(RedisBackplane backplane, ILoggerFactory loggers, TimeProvider time)
    {
        this.backplane = backplane;
        this.time = time;
        logger = loggers.CreateLogger<RedisEventBus>();
        local = new InProcessEventBus(loggers.CreateLogger<InProcessEventBus>());
        backplane.Multiplexer.ConnectionRestored += OnConnectionRestored;
        // Fire-and-forget: a node starts while Redis is down; the multiplexer keeps the subscription and sends it
        // whenever the connection is (re)established.
        queue = backplane.Subscriber.Subscribe(backplane.ChannelPattern(ChannelPrefix), CommandFlags.FireAndForget);
        // The ordered queue, not a handler: StackExchange.Redis may run handler-style subscriptions concurrently,
        // and the contract is order per key. One message at a time, in the order Redis delivered them.
        queue.OnMessage(OnMessage);
        // Answered on the subscription connection after the PSUBSCRIBE above: from then on this node hears them all.
        Listening = backplane.Subscriber.PingAsync();
        Listening.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>This node, as its envelopes name it (new at every start).</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Completes once this node hears the deployment's events (faults while Redis is down at start).</summary>
    public Task Listening { get; }

    /// <summary>This node's own delivery (for tests of the contract, which look inside).</summary>
    internal InProcessEventBus Local => local;

    /// <summary>Events this node could not send to Redis since it started (its own tabs had each of them).</summary>
    public long FailedPublishes => Interlocked.Read(ref failedPublishes);

    /// <summary>Messages on the bus's channels that were not events of ours, since start.</summary>
    public long DroppedMessages => Interlocked.Read(ref droppedMessages);

    public void Publish(EventKey key, ChatEvent @event)
    {
        // Our own tabs first, in memory: a message is saved, so they show it whatever Redis does.
        local.Publish(key, @event);
        Send(backplane.Channel(ChannelPrefix + key.Value), () => EventEnvelope.ForEvent(NodeId, @event));
    }

    public IDisposable Subscribe<TEvent>(EventKey key, Func<TEvent, Task> onEvent, Func<Task>? onGap = null)
        where TEvent : ChatEvent => local.Subscribe(key, onEvent, onGap);

    public IDisposable Observe<TEvent>(Action<EventKey, TEvent> onEvent, Action<EventKey> onGap) where TEvent : ChatEvent =>
        local.Observe(onEvent, onGap);

    /// <summary>
    /// Fire-and-forget, and never throws: commands on one connection keep their order, so one node's events of a key
    /// reach the others in the order it published them.
    /// </summary>
    private void Send(RedisChannel channel, Func<byte[]> envelope)
    {
        if (!backplane.IsConnected)
        {
            // Lost either way (the multiplexer's backlog would only hold it until it times out): the other nodes
            // reread from the database when we are back (the gap notice).
            OnPublishFailed(null);
            return;
        }
        try
        {
            backplane.Subscriber.PublishAsync(channel, envelope()).ContinueWith(
                static (sent, bus) => ((RedisEventBus)bus!).OnPublishFailed(sent.Exception),
                this, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        catch (Exception ex)
        {
            OnPublishFailed(ex);
        }
    }

    private void OnPublishFailed(Exception? error)
    {
        var failed = Interlocked.Increment(ref failedPublishes);
        long since;
        var now = time.GetTimestamp();
        lock (failureLogGate)
        {
            // One line per interval, not one per event: while Redis is down, every message sent would log.
            if (lastFailureLog is { } last && time.GetElapsedTime(last, now) < FailureLogInterval)
            {
                return;
            }
            lastFailureLog = now;
            since = failed - failedAtLastLog;
            failedAtLastLog = failed;
        }
        logger.LogWarning(PublishFailed, error?.GetBaseException(),
            "{Count} event(s) could not be sent to Redis ({Total} since start): this node's tabs had them, the other nodes reread when it is back",
            since, failed);
    }

    private void OnMessage(ChannelMessage message)
    {
        try
        {
            Receive(message.Channel, message.Message);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or ArgumentException)
        {
            Interlocked.Increment(ref droppedMessages);
            logger.LogWarning(MessageDropped, "Dropped a message on {Channel} that is not an event of ours: {Reason}",
                message.Channel.ToString(), ex.Message);
        }
        catch (Exception ex)
        {
            // Never end the receive loop: the next message is as good as ever.
            logger.LogError(MessageDropped, ex, "Failed to deliver a message on {Channel}", message.Channel.ToString());
        }
    }

    private void Receive(RedisChannel channel, RedisValue payload)
    {
        var name = backplane.Unprefixed(channel);
        if (!name.StartsWith(ChannelPrefix, StringComparison.Ordinal) || name.Length == ChannelPrefix.Length || payload.IsNull)
        {
            throw new InvalidDataException("not a channel of the bus, or no content");
        }
        var key = new EventKey(name[ChannelPrefix.Length..]);
        var received = EventEnvelope.Read((byte[])payload!);
        if (received.Node == NodeId)
        {
            // No echo: this node's tabs had it when it was published.
            return;
        }
        switch (received.Event)
        {
            case null when key == EventKey.All:
                OnGapNotice(received.Node);
                break;
            case { } @event when key != EventKey.All:
                local.Publish(key, @event);
                break;
            default:
                throw new InvalidDataException("a gap notice belongs on the channel of every key, and events on their key's");
        }
    }

    public void Dispose()
    {
        backplane.Multiplexer.ConnectionRestored -= OnConnectionRestored;
        try
        {
            queue.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Going away anyway.
        }
    }
}
