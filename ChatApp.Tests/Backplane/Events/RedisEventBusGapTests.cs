using System.Text;
using System.Threading.Channels;
using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.People;
using ChatApp.Redis;
using ChatApp.Redis.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Backplane.Events;

/// <summary>What pub/sub loses, the bus announces; what Redis sends that is not ours, it drops; Redis down, it goes on.</summary>
public sealed class RedisEventBusGapTests : IDisposable
{
    private static readonly TimeSpan Patience = RedisBusNodes.Patience;
    private readonly TestRedis redis = new();
    private readonly LogCollector logs = new();
    private readonly ILoggerFactory loggers;

    public RedisEventBusGapTests() => loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));

    private static MessageSaved Message(int roomId, long seq) =>
        new(new MessageView(seq, roomId, Guid.NewGuid(), "author", "Author", $"m{seq}", DateTimeOffset.UnixEpoch));

    private static IDisposable Collect(IEventBus bus, EventKey key, Channel<string> log) =>
        bus.Subscribe<MessageSaved>(key, saved =>
        {
            log.Writer.TryWrite($"{key} {saved.Message.Seq}");
            return Task.CompletedTask;
        }, () =>
        {
            log.Writer.TryWrite($"{key} gap");
            return Task.CompletedTask;
        });

    private static async Task<string> NextAsync(Channel<string> log) => await log.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    [Fact]
    public async Task WhatIsNotAnEventOfOursIsDroppedWithALogAndDeliveryGoesOn()
    {
        var a = await redis.BusAsync();
        var b = await redis.BusAsync(loggers);
        var raw = redis.Connect();
        var onB = Channel.CreateUnbounded<string>();
        using var _ = Collect(b, EventKey.Room(1), onB);
        string[] junk =
        [
            "not json",
            """{"node":"x","type":"System.IO.FileInfo","event":{"OriginalPath":"/etc/passwd"}}""",
            """{"node":"x","type":"MessageSaved","event":{"Message":null}}""",
            // A gap notice on one key's channel: notices belong on the channel of every key.
            """{"node":"x","gap":true}""",
        ];

        foreach (var payload in junk)
        {
            await raw.Subscriber.PublishAsync(raw.Channel("events:room:1"), Encoding.UTF8.GetBytes(payload));
        }
        // An event on the channel of every key, and one on a channel with no key.
        await raw.Subscriber.PublishAsync(raw.Channel("events:*"), EventEnvelope.ForEvent("x", Message(1, 99)));
        await raw.Subscriber.PublishAsync(raw.Channel("events:"), EventEnvelope.ForEvent("x", Message(1, 98)));
        a.Publish(EventKey.Room(1), Message(1, 1));

        // Redis delivers in the order it was sent: B went through the junk before the good event.
        Assert.Equal("room:1 1", await NextAsync(onB));
        Assert.Equal(6, b.DroppedMessages);
        Assert.Equal(6, logs.Entries.Count(e => e.EventId == RedisEventBus.MessageDropped && e.Level == LogLevel.Warning));
        Assert.False(onB.Reader.TryRead(out var extra), $"B's subscriber got {extra}");
    }

    [Fact]
    public async Task ANodeCutOffRereadsEveryKeyAndTheOtherNodesRereadWhatItSentMeanwhile()
    {
        var nodeA = redis.Connect();
        var a = await nodeA.BusAsync();
        var b = await redis.BusAsync();
        var onA = Channel.CreateUnbounded<string>();
        var onB = Channel.CreateUnbounded<string>();
        var observedGaps = Channel.CreateUnbounded<string>();
        using var roomOnA = Collect(a, EventKey.Room(1), onA);
        using var userOnA = a.Subscribe<WatchListChanged>(EventKey.User("u-1"), _ => Task.CompletedTask, () =>
        {
            onA.Writer.TryWrite("user:u-1 gap");
            return Task.CompletedTask;
        });
        using var observerOnA = a.Observe<MessageSaved>((_, _) => { }, key => observedGaps.Writer.TryWrite($"A {key}"));
        using var roomOnB = Collect(b, EventKey.Room(1), onB);
        using var observerOnB = b.Observe<MessageSaved>((_, _) => { }, key => observedGaps.Writer.TryWrite($"B {key}"));

        await redis.CutOffAsync(nodeA);

        // A rereads every key it has subscribers for, and its observers drop everything (each connection of A that
        // comes back may add one more gap: how many is not the point).
        await SeenAsync(onA, "room:1 gap", "user:u-1 gap");
        // B was never cut off, but A's events of that time may never have reached it.
        await SeenAsync(onB, "room:1 gap");
        await SeenAsync(observedGaps, "A *", "B *");
        // And events flow again both ways.
        b.Publish(EventKey.Room(1), Message(1, 7));
        Assert.Equal("room:1 7", await SkipGapsAsync(onA));
        a.Publish(EventKey.Room(1), Message(1, 8));
        Assert.Equal("room:1 7", await SkipGapsAsync(onB));
        Assert.Equal("room:1 8", await SkipGapsAsync(onB));
    }

    /// <summary>Reads until each of <paramref name="expected"/> came, in any order; only gaps may come in between.</summary>
    private static async Task SeenAsync(Channel<string> log, params string[] expected)
    {
        var missing = expected.ToHashSet();
        while (missing.Count > 0)
        {
            var next = await NextAsync(log);
            Assert.True(missing.Remove(next) || next.EndsWith(" gap", StringComparison.Ordinal) || next.EndsWith(" *", StringComparison.Ordinal),
                $"{next} came while waiting for {string.Join(", ", missing)}");
        }
    }

    /// <summary>Each connection of the node coming back may add a gap: how many is not the point here.</summary>
    private static async Task<string> SkipGapsAsync(Channel<string> log)
    {
        while (true)
        {
            var next = await NextAsync(log);
            if (!next.EndsWith(" gap", StringComparison.Ordinal))
            {
                return next;
            }
        }
    }

    [Fact]
    public async Task PublishingWhileRedisIsDownDeliversOnThisNodeAndLogsOnceNotPerEvent()
    {
        using var server = new PrivateRedisServer();
        var time = new FakeTimeProvider();
        using var node = Node(server);
        var bus = await node.BusAsync(loggers, time);
        var heard = Channel.CreateUnbounded<string>();
        using var _ = Collect(bus, EventKey.Room(1), heard);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Lost += () => lost.TrySetResult();

        server.Kill();
        await lost.Task.WaitAsync(Patience);
        // Bounded: a publisher that waited on Redis (its timeouts are seconds) would not finish 100 in time.
        await Task.Run(() =>
        {
            for (var seq = 1; seq <= 100; seq++)
            {
                bus.Publish(EventKey.Room(1), Message(1, seq));
            }
        }).WaitAsync(TimeSpan.FromSeconds(5));

        for (var seq = 1; seq <= 100; seq++)
        {
            Assert.Equal($"room:1 {seq}", await NextAsync(heard));
        }
        Assert.Equal(100, bus.FailedPublishes);
        Assert.Single(logs.Entries, e => e.EventId == RedisEventBus.PublishFailed);
        time.Advance(RedisEventBus.FailureLogInterval);
        bus.Publish(EventKey.Room(1), Message(1, 101));
        Assert.Equal(2, logs.Entries.Count(e => e.EventId == RedisEventBus.PublishFailed));
        Assert.Equal(101, bus.FailedPublishes);
    }

    [Fact]
    public async Task WhenRedisComesBackEveryNodeRereadsAndEventsFlowAgain()
    {
        using var server = new PrivateRedisServer();
        using var nodeA = Node(server);
        using var nodeB = Node(server);
        var a = await nodeA.BusAsync();
        var b = await nodeB.BusAsync();
        var onB = Channel.CreateUnbounded<string>();
        using var _ = Collect(b, EventKey.Room(1), onB);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        nodeA.Lost += () => lost.TrySetResult();
        nodeA.Restored += () => restored.TrySetResult();

        server.Kill();
        await lost.Task.WaitAsync(Patience);
        a.Publish(EventKey.Room(1), Message(1, 1));
        server.Start();

        // B's gap comes once B hears again (its own reconnect, or A's notice); A's restore, once A can send again.
        Assert.Equal("room:1 gap", await NextAsync(onB));
        await restored.Task.WaitAsync(Patience);
        a.Publish(EventKey.Room(1), Message(1, 2));

        // The event sent while Redis was away is not delivered late; the next one is.
        Assert.Equal("room:1 2", await SkipGapsAsync(onB));
        Assert.Equal(1, a.FailedPublishes);
    }

    private RedisBackplane Node(PrivateRedisServer server) =>
        new(Options.Create(new BackplaneOptions { Redis = server.ConnectionString, Prefix = redis.Prefix }), NullLogger<RedisBackplane>.Instance);

    public void Dispose()
    {
        loggers.Dispose();
        redis.Dispose();
    }
}
