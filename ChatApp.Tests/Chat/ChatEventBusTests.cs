using ChatApp.Core.Chat;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatApp.Tests.Chat;

public sealed class ChatEventBusTests
{
    private readonly ChatEventBus bus = new(NullLogger<ChatEventBus>.Instance);

    private static MessageView Message(int roomId, long id = 1) =>
        new(id, roomId, Guid.NewGuid(), "author", "Author", "text", DateTimeOffset.UnixEpoch);

    [Fact]
    public void SubscriberHearsOnlyItsRoom()
    {
        var heard = new List<long>();
        using var _ = bus.SubscribeToRoom(1, m => { heard.Add(m.Seq); return Task.CompletedTask; });

        bus.Publish(Message(roomId: 2, id: 20));
        bus.Publish(Message(roomId: 1, id: 10));

        Assert.Equal([10L], heard);
    }

    [Fact]
    public void DisposedSubscriptionHearsNothingAndIsFreed()
    {
        var heard = 0;
        var subscription = bus.SubscribeToRoom(1, _ => { heard++; return Task.CompletedTask; });

        subscription.Dispose();
        subscription.Dispose();
        bus.Publish(Message(1));

        Assert.Equal(0, heard);
        Assert.Equal(0, bus.SubscriberCount(1));
    }

    [Fact]
    public void ThrowingSubscriberDoesNotStopTheOthers()
    {
        var heard = 0;
        using var bad = bus.SubscribeToRoom(1, _ => throw new InvalidOperationException("broken tab"));
        using var good = bus.SubscribeToRoom(1, _ => { heard++; return Task.CompletedTask; });

        bus.Publish(Message(1));

        Assert.Equal(1, heard);
    }

    [Fact]
    public async Task SlowSubscriberDoesNotHoldUpTheOthers()
    {
        var release = new TaskCompletionSource();
        var heard = 0;
        using var slow = bus.SubscribeToRoom(1, _ => release.Task);
        using var fast = bus.SubscribeToRoom(1, _ => { heard++; return Task.CompletedTask; });

        bus.Publish(Message(1));

        Assert.Equal(1, heard);
        release.SetResult();
        await release.Task;
    }

    [Fact]
    public async Task SubscribingAndUnsubscribingFromManyThreadsLeavesNoneBehind()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                using var s = bus.SubscribeToRoom(i % 3, _ => Task.CompletedTask);
                bus.Publish(Message(i % 3));
            }
        })));

        Assert.Equal(0, bus.SubscriberCount(0) + bus.SubscriberCount(1) + bus.SubscriberCount(2));
    }
}
