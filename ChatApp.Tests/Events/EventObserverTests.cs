using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatApp.Tests.Events;

/// <summary>Node-wide observers (a cache of rooms' newest messages) see each event before any subscriber does.</summary>
/// <remarks>Run again on the Redis bus (Backplane/Events/EventBusContractOnRedisTests).</remarks>
public class EventObserverTests
{
    private readonly IEventBus bus;
    private readonly InProcessEventBus local;

    public EventObserverTests() : this(() =>
    {
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        return (bus, bus);
    })
    {
    }

    protected EventObserverTests(Func<(IEventBus Bus, InProcessEventBus Local)> create) => (bus, local) = create();

    private static MessageSaved Message(int roomId, long seq) =>
        new(new MessageView(seq, roomId, Guid.NewGuid(), "author", "Author", "text", DateTimeOffset.UnixEpoch));

    [Fact]
    public void AnObserverHasEachEventBeforeAnySubscriberIsHandedIt()
    {
        var observed = new HashSet<long>();
        var seenFirst = new List<bool>();
        using var observer = bus.Observe<MessageSaved>((_, saved) => { lock (observed) { observed.Add(saved.Message.Seq); } }, _ => { });
        using var subscriber = bus.Subscribe<MessageSaved>(EventKey.Room(1), saved =>
        {
            lock (observed)
            {
                seenFirst.Add(observed.Contains(saved.Message.Seq));
            }
            return Task.CompletedTask;
        });

        bus.Publish(EventKey.Room(1), Message(1, 1));
        bus.Publish(EventKey.Room(1), Message(1, 2));

        Assert.Equal([true, true], seenFirst);
    }

    [Fact]
    public void AnObserverHearsEveryKeyAndOnlyItsEventType()
    {
        var heard = new List<(EventKey, long)>();
        using var observer = bus.Observe<MessageSaved>((key, saved) => heard.Add((key, saved.Message.Seq)), _ => { });

        bus.Publish(EventKey.Room(1), Message(1, 7));
        bus.Publish(EventKey.Room(2), Message(2, 8));
        bus.Publish(EventKey.Room(1), new RoomChange(1, RoomChangeKind.Updated));

        Assert.Equal([(EventKey.Room(1), 7L), (EventKey.Room(2), 8L)], heard);
    }

    [Fact]
    public void AGapIsToldToObserversWithItsKey()
    {
        var gaps = new List<EventKey>();
        using var observer = bus.Observe<MessageSaved>((_, _) => { }, gaps.Add);

        local.RaiseGap(EventKey.Room(3));

        Assert.Equal([EventKey.Room(3)], gaps);
    }

    [Fact]
    public void AGapOnEveryKeyIsToldToObserversOnceAsAllThenToEverySubscriber()
    {
        var log = new List<string>();
        using var observer = bus.Observe<MessageSaved>((_, _) => { }, key => log.Add($"observer {key}"));
        using var one = bus.Subscribe<MessageSaved>(EventKey.Room(1), _ => Task.CompletedTask, () => { log.Add("room:1"); return Task.CompletedTask; });
        using var two = bus.Subscribe<RoomChange>(EventKey.Site, _ => Task.CompletedTask, () => { log.Add("site"); return Task.CompletedTask; });

        local.RaiseGapOnEveryKey();

        Assert.Equal("observer *", log[0]);
        Assert.Equal(["room:1", "site"], log.Skip(1).Order());
    }

    [Fact]
    public void NobodyPublishesOrSubscribesOnEveryKey()
    {
        Assert.Throws<ArgumentException>(() => bus.Publish(EventKey.All, Message(1, 1)));
        Assert.Throws<ArgumentException>(() => bus.Subscribe<MessageSaved>(EventKey.All, _ => Task.CompletedTask));
    }

    [Fact]
    public void ADisposedObserverHearsNothingMore()
    {
        var heard = 0;
        var observer = bus.Observe<MessageSaved>((_, _) => heard++, _ => { });
        bus.Publish(EventKey.Room(1), Message(1, 1));

        observer.Dispose();
        bus.Publish(EventKey.Room(1), Message(1, 2));

        Assert.Equal(1, heard);
    }

    [Fact]
    public async Task ObserversHearEveryEventPublishedFromManyThreadsOnce()
    {
        var heard = new System.Collections.Concurrent.ConcurrentBag<long>();
        using var observer = bus.Observe<MessageSaved>((_, saved) => heard.Add(saved.Message.Seq), _ => { });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                bus.Publish(EventKey.Room(1), Message(1, thread * 1_000 + i));
            }
        })));

        Assert.Equal(2_000, heard.Distinct().Count());
        Assert.Equal(2_000, heard.Count);
    }
}
