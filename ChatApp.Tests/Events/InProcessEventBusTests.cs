using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.People;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatApp.Tests.Events;

/// <summary>
/// The bus's contract on one node. Run again on the Redis bus (Backplane/Events/EventBusContractOnRedisTests): there
/// <see cref="bus"/> is a node of a deployment and <see cref="local"/> its in-memory delivery, which the in-process-only
/// checks (counts, a raised gap) look at.
/// </summary>
public class InProcessEventBusTests
{
    private readonly IEventBus bus;
    private readonly InProcessEventBus local;

    public InProcessEventBusTests() : this(() =>
    {
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        return (bus, bus);
    })
    {
    }

    protected InProcessEventBusTests(Func<(IEventBus Bus, InProcessEventBus Local)> create) => (bus, local) = create();

    private static MessageSaved Message(int roomId, long seq = 1) =>
        new(new MessageView(seq, roomId, Guid.NewGuid(), "author", "Author", "text", DateTimeOffset.UnixEpoch));

    private IDisposable Collect(EventKey key, List<long> heard) =>
        bus.Subscribe<MessageSaved>(key, m => { lock (heard) { heard.Add(m.Message.Seq); } return Task.CompletedTask; });

    [Fact]
    public void SubscriberHearsOnlyItsKey()
    {
        var heard = new List<long>();
        using var _ = Collect(EventKey.Room(1), heard);

        bus.Publish(EventKey.Room(2), Message(roomId: 2, seq: 20));
        bus.Publish(EventKey.Room(1), Message(roomId: 1, seq: 10));

        Assert.Equal([10L], heard);
    }

    [Fact]
    public void SubscriberHearsOnlyItsEventType()
    {
        var heard = new List<long>();
        var watchLists = 0;
        using var messages = Collect(EventKey.User("alice"), heard);
        using var stars = bus.Subscribe<WatchListChanged>(EventKey.User("alice"), _ => { watchLists++; return Task.CompletedTask; });

        bus.Publish(EventKey.User("alice"), new WatchListChanged("alice"));

        Assert.Empty(heard);
        Assert.Equal(1, watchLists);
    }

    [Fact]
    public void DisposedSubscriptionHearsNothingAndIsFreed()
    {
        var heard = new List<long>();
        var subscription = Collect(EventKey.Room(1), heard);

        subscription.Dispose();
        subscription.Dispose();
        bus.Publish(EventKey.Room(1), Message(1));

        Assert.Empty(heard);
        Assert.Equal(0, local.SubscriberCount(EventKey.Room(1)));
        Assert.Equal(0, local.KeyCount);
    }

    [Fact]
    public void ThrowingSubscriberDoesNotStopTheOthersNorItsOwnNextEvents()
    {
        var heard = new List<long>();
        var badCalls = 0;
        using var bad = bus.Subscribe<MessageSaved>(EventKey.Room(1), _ => { badCalls++; throw new InvalidOperationException("broken tab"); });
        using var good = Collect(EventKey.Room(1), heard);

        bus.Publish(EventKey.Room(1), Message(1, seq: 1));
        bus.Publish(EventKey.Room(1), Message(1, seq: 2));

        Assert.Equal([1L, 2L], heard);
        Assert.Equal(2, badCalls);
    }

    [Fact]
    public async Task SlowSubscriberDoesNotHoldUpTheOthers()
    {
        var release = new TaskCompletionSource();
        var heard = new List<long>();
        using var slow = bus.Subscribe<MessageSaved>(EventKey.Room(1), _ => release.Task);
        using var fast = Collect(EventKey.Room(1), heard);

        bus.Publish(EventKey.Room(1), Message(1, seq: 1));
        bus.Publish(EventKey.Room(1), Message(1, seq: 2));

        Assert.Equal([1L, 2L], heard);
        release.SetResult();
        await release.Task;
    }

    [Fact]
    public async Task ASlowSubscriberGetsItsEventsInPublishOrderOneAtATime()
    {
        var gates = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var heard = new List<long>();
        var running = 0;
        var overlapped = false;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slow = bus.Subscribe<MessageSaved>(EventKey.Room(1), async m =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            lock (heard)
            {
                heard.Add(m.Message.Seq);
            }
            await gates[m.Message.Seq - 1].Task;
            Interlocked.Decrement(ref running);
            if (m.Message.Seq == 3)
            {
                done.SetResult();
            }
        });

        for (var seq = 1; seq <= 3; seq++)
        {
            bus.Publish(EventKey.Room(1), Message(1, seq));
        }
        Assert.Equal([1L], heard);
        foreach (var gate in gates)
        {
            gate.SetResult();
        }
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1L, 2L, 3L], heard);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task ManyPublishersOnOneKeyReachEachSubscriberOnceEachWithoutOverlap()
    {
        var heard = new List<long>();
        var running = 0;
        var overlapped = false;
        using var subscriber = bus.Subscribe<MessageSaved>(EventKey.Room(1), m =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            lock (heard)
            {
                heard.Add(m.Message.Seq);
            }
            Interlocked.Decrement(ref running);
            return Task.CompletedTask;
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                bus.Publish(EventKey.Room(1), Message(1, t * 1000 + i));
            }
        })));

        Assert.Equal(1600, heard.Distinct().Count());
        Assert.Equal(1600, heard.Count);
        Assert.False(overlapped);
        // Per publisher, the order it published in.
        foreach (var t in Enumerable.Range(0, 8))
        {
            var mine = heard.Where(s => s / 1000 == t).ToList();
            Assert.Equal(mine.Order(), mine);
        }
    }

    [Fact]
    public void AGapReachesEverySubscriberOfTheKeyInOrderWithItsEvents()
    {
        var log = new List<string>();
        using var a = bus.Subscribe<MessageSaved>(EventKey.Room(1), m => { log.Add($"a{m.Message.Seq}"); return Task.CompletedTask; }, () => { log.Add("a-gap"); return Task.CompletedTask; });
        using var other = bus.Subscribe<MessageSaved>(EventKey.Room(2), _ => Task.CompletedTask, () => { log.Add("other-gap"); return Task.CompletedTask; });

        bus.Publish(EventKey.Room(1), Message(1, seq: 1));
        local.RaiseGap(EventKey.Room(1));
        bus.Publish(EventKey.Room(1), Message(1, seq: 2));

        Assert.Equal(["a1", "a-gap", "a2"], log);
    }

    [Fact]
    public async Task ASubscriberFarBehindLosesItsBacklogAndGetsOneGapInstead()
    {
        var release = new TaskCompletionSource();
        var heard = new List<long>();
        var gaps = 0;
        var resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stuck = bus.Subscribe<MessageSaved>(EventKey.Room(1), async m =>
        {
            heard.Add(m.Message.Seq);
            await release.Task;
        }, () => { gaps++; resynced.TrySetResult(); return Task.CompletedTask; });

        // The first is in the handler; the queue then fills up and overflows once.
        for (var seq = 1; seq <= EventMailbox.Capacity + 2; seq++)
        {
            bus.Publish(EventKey.Room(1), Message(1, seq));
        }
        release.SetResult();
        await resynced.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, gaps);
        Assert.Equal([1L], heard.Take(1));
        Assert.True(heard.Count < EventMailbox.Capacity, "the lost backlog is not delivered after the gap");
    }

    [Fact]
    public async Task SubscribingAndUnsubscribingFromManyThreadsLeavesNoneBehind()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                using var s = bus.Subscribe<MessageSaved>(EventKey.Room(i % 3), _ => Task.CompletedTask);
                bus.Publish(EventKey.Room(i % 3), Message(i % 3));
            }
        })));

        Assert.Equal(0, local.KeyCount);
    }

    [Fact]
    public void KeysNameTheirChannels()
    {
        Assert.Equal("room:42", EventKey.Room(42).Value);
        Assert.Equal("user:u-1", EventKey.User("u-1").Value);
        Assert.Equal("site", EventKey.Site.Value);
        Assert.Equal("admin", EventKey.Admin.Value);
        Assert.Equal(EventKey.Room(42), EventKey.Room(42));
    }
}
