using System.Threading.Channels;
using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Redis.Events;
using ChatApp.Tests.Infrastructure;

namespace ChatApp.Tests.Backplane.Events;

/// <summary>Events across the nodes of one deployment, on a real Redis: each node's buses are made of our classes.</summary>
public sealed class RedisEventBusTests : IDisposable
{
    private static readonly TimeSpan Patience = RedisBusNodes.Patience;
    private readonly TestRedis redis = new();

    private static MessageSaved Message(int roomId, long seq) =>
        new(new MessageView(seq, roomId, Guid.NewGuid(), "author", "Author", $"m{seq}", DateTimeOffset.UnixEpoch));

    /// <summary>A subscriber that writes the numbers of the messages it gets, in the order it gets them.</summary>
    private static IDisposable Collect(IEventBus bus, EventKey key, Channel<long> heard) =>
        bus.Subscribe<MessageSaved>(key, saved =>
        {
            heard.Writer.TryWrite(saved.Message.Seq);
            return Task.CompletedTask;
        });

    private static async Task<List<long>> TakeAsync(Channel<long> heard, int count)
    {
        var taken = new List<long>();
        while (taken.Count < count)
        {
            taken.Add(await heard.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        }
        return taken;
    }

    [Fact]
    public async Task AnEventReachesEachSubscriberOfItsKeyOnceOnEveryNodeAndNoOtherKey()
    {
        var a = await redis.BusAsync();
        var b = await redis.BusAsync();
        var onA = Channel.CreateUnbounded<long>();
        var onB = Channel.CreateUnbounded<long>();
        var otherKeyOnB = Channel.CreateUnbounded<long>();
        using var subA = Collect(a, EventKey.Room(1), onA);
        using var subB = Collect(b, EventKey.Room(1), onB);
        using var otherB = Collect(b, EventKey.Room(2), otherKeyOnB);

        a.Publish(EventKey.Room(1), Message(1, 1));
        a.Publish(EventKey.Room(2), Message(2, 900));

        Assert.Equal([1L], await TakeAsync(onB, 1));
        // Room 2's subscriber hears room 2's event, sent after room 1's: room 1's never reached it.
        Assert.Equal([900L], await TakeAsync(otherKeyOnB, 1));
        // B answers after it heard A's event: Redis delivers A's (and any echo of it) before B's answer reaches A.
        b.Publish(EventKey.Room(1), Message(1, 2));
        Assert.Equal([1L, 2L], await TakeAsync(onA, 2));
        Assert.Equal([2L], await TakeAsync(onB, 1));
        // The same proof once more: anything that came back to A would be in front of B's second answer.
        b.Publish(EventKey.Room(1), Message(1, 3));
        Assert.Equal([3L], await TakeAsync(onA, 1));
        Assert.False(onA.Reader.TryRead(out var extra), $"A heard {extra} again");
        Assert.False(otherKeyOnB.Reader.TryRead(out var leaked), $"room 2's subscriber heard {leaked}");
    }

    [Fact]
    public async Task ABurstFromOneNodeArrivesOnAnotherInPublishOrder()
    {
        var a = await redis.BusAsync();
        var b = await redis.BusAsync();
        var onB = Channel.CreateUnbounded<long>();
        using var _ = Collect(b, EventKey.Room(1), onB);

        for (var seq = 1; seq <= 1_000; seq++)
        {
            a.Publish(EventKey.Room(1), Message(1, seq));
        }

        Assert.Equal(Enumerable.Range(1, 1_000).Select(i => (long)i), await TakeAsync(onB, 1_000));
    }

    [Fact]
    public async Task ObserversOnTheReceivingNodeHaveEachEventBeforeItsSubscribers()
    {
        var a = await redis.BusAsync();
        var b = await redis.BusAsync();
        var observed = new HashSet<long>();
        var seenFirst = Channel.CreateUnbounded<bool>();
        using var observer = b.Observe<MessageSaved>((_, saved) => { lock (observed) { observed.Add(saved.Message.Seq); } }, _ => { });
        using var subscriber = b.Subscribe<MessageSaved>(EventKey.Room(1), saved =>
        {
            lock (observed)
            {
                seenFirst.Writer.TryWrite(observed.Contains(saved.Message.Seq));
            }
            return Task.CompletedTask;
        });

        for (var seq = 1; seq <= 50; seq++)
        {
            a.Publish(EventKey.Room(1), Message(1, seq));
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.True(await seenFirst.Reader.ReadAsync().AsTask().WaitAsync(Patience), $"event {i + 1} reached a subscriber before the observers");
        }
    }

    [Fact]
    public async Task EveryEventTypeCrossesToAnotherNodeUnchanged()
    {
        var a = await redis.BusAsync();
        var b = await redis.BusAsync();
        var heard = Channel.CreateUnbounded<ChatEvent>();
        using var observer = b.Observe<ChatEvent>((_, e) => heard.Writer.TryWrite(e), _ => { });
        var samples = EventSamples.All();

        foreach (var sample in samples)
        {
            a.Publish(EventKey.Room(1), sample);
        }

        foreach (var sample in samples)
        {
            var back = await heard.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            Assert.True(EventSamples.Json(sample) == EventSamples.Json(back), $"{sample.GetType().Name} changed on its way: {EventSamples.Json(back)}");
        }
    }

    [Fact]
    public async Task SubscribingFromManyThreadsWhileEventsFlowLosesNothingAndLeavesNothingBehind()
    {
        var a = await redis.BusAsync();
        var b = await redis.BusAsync();
        var steady = Channel.CreateUnbounded<long>();
        using var _ = Collect(b, EventKey.Room(1), steady);
        const int Events = 2_000;
        var outOfOrder = 0;

        var publishing = Task.Run(() =>
        {
            for (var seq = 1; seq <= Events; seq++)
            {
                a.Publish(EventKey.Room(1), Message(1, seq));
            }
        });
        var churning = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                long last = 0;
                using var s = b.Subscribe<MessageSaved>(EventKey.Room(1 + i % 2), saved =>
                {
                    if (saved.Message.Seq <= last)
                    {
                        Interlocked.Increment(ref outOfOrder);
                    }
                    last = saved.Message.Seq;
                    return Task.CompletedTask;
                });
                await Task.Yield();
            }
        })).ToList();
        await Task.WhenAll([publishing, .. churning]);

        Assert.Equal(Enumerable.Range(1, Events).Select(i => (long)i), await TakeAsync(steady, Events));
        Assert.Equal(0, outOfOrder);
        Assert.Equal(1, b.Local.KeyCount);
        Assert.Equal(1, b.Local.SubscriberCount(EventKey.Room(1)));
    }

    public void Dispose() => redis.Dispose();
}
