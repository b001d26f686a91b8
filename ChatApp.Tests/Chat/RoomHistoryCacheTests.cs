using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Tests.Chat;

/// <summary>
/// The newest page of a room held once for all its tabs: never missing a message a tab would otherwise have, never
/// showing one twice, never outliving its room or a gap.
/// </summary>
public sealed class RoomHistoryCacheTests : ChatServiceTest
{
    public RoomHistoryCacheTests()
    {
        // Many sends in a moment: the flood limit is not what these tests look at.
        Chat.Options.SendLimitCount = 100_000;
    }

    private RoomHistoryCache Cache => Get<RoomHistoryCache>();
    private ChatService Service => Get<ChatService>();

    private async Task<long[]> NewestAsync(string userId, int roomId)
    {
        var page = await Service.GetHistoryAsync(userId, roomId);
        return page.Value!.Messages.Select(m => m.Seq).ToArray();
    }

    private async Task SendAsync(string userId, string text, int? roomId = null) =>
        Assert.True((await Service.SendAsync(userId, roomId ?? Lobby.Id, Guid.NewGuid(), text)).Succeeded);

    [Fact]
    public async Task TabsOfOneRoomShareTheSameMessages()
    {
        await SendAsync(Bob.Id, "before anyone opened the room");
        using var alice = await AccessAsync(Alice.Id, Lobby.Id);
        using var bob = await AccessAsync(Bob.Id, Lobby.Id);

        var first = (await Service.GetHistoryAsync(alice)).Value!.Messages;
        await SendAsync(Alice.Id, "after the room was opened");
        var second = (await Service.GetHistoryAsync(bob)).Value!.Messages;

        Assert.Equal(["before anyone opened the room", "after the room was opened"], second.Select(m => m.Text));
        // The same objects, not copies per tab.
        Assert.Same(first[0], second[0]);
        Assert.Equal(1, Cache.RoomCount);
    }

    [Fact]
    public async Task APageKeepsTheNewestMessagesAndSaysThereAreOlderOnes()
    {
        Chat.Options.HistoryPageSize = 5;
        for (var i = 1; i <= 4; i++)
        {
            await SendAsync(Bob.Id, $"m{i}");
        }
        Assert.Equal(new long[] { 1, 2, 3, 4 }, await NewestAsync(Alice.Id, Lobby.Id));
        Assert.False((await Service.GetHistoryAsync(Alice.Id, Lobby.Id)).Value!.HasOlder);

        for (var i = 5; i <= 7; i++)
        {
            await SendAsync(Bob.Id, $"m{i}");
        }

        Assert.Equal(new long[] { 3, 4, 5, 6, 7 }, await NewestAsync(Alice.Id, Lobby.Id));
        Assert.True((await Service.GetHistoryAsync(Alice.Id, Lobby.Id)).Value!.HasOlder);
    }

    [Fact]
    public async Task MessagesPublishedOutOfOrderAreShownInOrder()
    {
        await SendAsync(Bob.Id, "m1");
        Assert.Equal(new long[] { 1 }, await NewestAsync(Alice.Id, Lobby.Id));
        var bus = Get<IEventBus>();

        // Two senders raced: the later number was announced first.
        bus.Publish(EventKey.Room(Lobby.Id), new MessageSaved(View(3)));
        bus.Publish(EventKey.Room(Lobby.Id), new MessageSaved(View(2)));
        bus.Publish(EventKey.Room(Lobby.Id), new MessageSaved(View(3)));

        Assert.Equal(new long[] { 1, 2, 3 }, await NewestAsync(Alice.Id, Lobby.Id));
    }

    private MessageView View(long seq) => new(seq, Lobby.Id, Guid.NewGuid(), Bob.Id, "Bob", $"m{seq}", Chat.Time.GetUtcNow());

    [Fact]
    public async Task AfterAGapTheRoomIsReadFromTheDatabaseAgain()
    {
        await SendAsync(Bob.Id, "m1");
        Assert.Equal(new long[] { 1 }, await NewestAsync(Alice.Id, Lobby.Id));
        // Saved on another node while this node's backplane was down: never announced here.
        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            db.Messages.Add(new ChatMessage { RoomId = Lobby.Id, Seq = 2, AuthorId = Bob.Id, Text = "m2", SentAt = Chat.Time.GetUtcNow(), ClientMessageId = Guid.NewGuid() });
            await db.SaveChangesAsync();
        }
        Assert.Equal(new long[] { 1 }, await NewestAsync(Alice.Id, Lobby.Id));

        Get<InProcessEventBus>().RaiseGap(EventKey.Room(Lobby.Id));

        Assert.Equal(0, Cache.RoomCount);
        Assert.Equal(new long[] { 1, 2 }, await NewestAsync(Alice.Id, Lobby.Id));
    }

    [Fact]
    public async Task AfterAGapOnEveryKeyEveryHeldRoomIsReadFromTheDatabaseAgain()
    {
        var other = await ChatTestServices.CreateRoomAsync(Provider, "quiet");
        await SendAsync(Bob.Id, "m1");
        await SendAsync(Bob.Id, "o1", other.Id);
        Assert.Equal(new long[] { 1 }, await NewestAsync(Alice.Id, Lobby.Id));
        Assert.Equal(new long[] { 1 }, await NewestAsync(Alice.Id, other.Id));
        // Saved on other nodes while this node's backplane was down; nobody here subscribes to either room now.
        await using (var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            db.Messages.Add(new ChatMessage { RoomId = Lobby.Id, Seq = 2, AuthorId = Bob.Id, Text = "m2", SentAt = Chat.Time.GetUtcNow(), ClientMessageId = Guid.NewGuid() });
            db.Messages.Add(new ChatMessage { RoomId = other.Id, Seq = 2, AuthorId = Bob.Id, Text = "o2", SentAt = Chat.Time.GetUtcNow(), ClientMessageId = Guid.NewGuid() });
            await db.SaveChangesAsync();
        }

        Get<InProcessEventBus>().RaiseGapOnEveryKey();

        Assert.Equal(0, Cache.RoomCount);
        Assert.Equal(new long[] { 1, 2 }, await NewestAsync(Alice.Id, Lobby.Id));
        Assert.Equal(new long[] { 1, 2 }, await NewestAsync(Alice.Id, other.Id));
    }

    [Fact]
    public async Task ADeletedRoomIsLetGo()
    {
        var room = await ChatTestServices.CreateRoomAsync(Provider, "doomed");
        await SendAsync(Bob.Id, "m1", room.Id);
        Assert.Equal(new long[] { 1 }, await NewestAsync(Alice.Id, room.Id));
        Assert.Equal(1, Cache.RoomCount);

        Get<IEventBus>().Publish(EventKey.Room(room.Id), new RoomChange(room.Id, RoomChangeKind.Deleted));

        Assert.Equal(0, Cache.RoomCount);
    }

    [Fact]
    public async Task AtMostTheConfiguredNumberOfRoomsAreHeld()
    {
        Chat.Options.HistoryCacheRooms = 2;
        var rooms = new List<int> { Lobby.Id };
        for (var i = 0; i < 3; i++)
        {
            rooms.Add((await ChatTestServices.CreateRoomAsync(Provider, $"room-{i}")).Id);
        }
        foreach (var room in rooms)
        {
            await SendAsync(Bob.Id, $"in {room}", room);
            Assert.Single(await NewestAsync(Alice.Id, room));
        }

        Assert.Equal(2, Cache.RoomCount);
        // One let go is read again, correctly.
        Assert.Equal(new long[] { 1 }, await NewestAsync(Alice.Id, rooms[0]));
    }

    /// <summary>
    /// Tabs open the room (subscribe, then read the page) while people send from other threads: each tab ends up with
    /// every message, by one path or both, whether the page was being filled, held or just updated.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task MessagesSentWhileTabsOpenAreNeverLost(int seed)
    {
        const int senders = 4, perSender = 10, tabs = 16;
        var random = new Random(seed);
        var delays = Enumerable.Range(0, tabs).Select(_ => random.Next(0, 20)).ToArray();
        var shown = Enumerable.Range(0, tabs).Select(_ => new HashSet<long>()).ToArray();
        var complete = Enumerable.Range(0, tabs).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        void Show(int tab, IEnumerable<long> seqs)
        {
            lock (shown[tab])
            {
                shown[tab].UnionWith(seqs);
                if (shown[tab].Count >= senders * perSender)
                {
                    complete[tab].TrySetResult();
                }
            }
        }
        var watches = new List<IDisposable>();

        var sending = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < perSender; i++)
            {
                await SendAsync(s % 2 == 0 ? Alice.Id : Bob.Id, $"{s}-{i}");
            }
        }));
        var opening = Enumerable.Range(0, tabs).Select(tab => Task.Run(async () =>
        {
            await Task.Delay(delays[tab]);
            var access = await AccessAsync(tab % 2 == 0 ? Alice.Id : Bob.Id, Lobby.Id);
            // As a room page does: live messages first, then the page.
            var watch = Service.WatchRoom(access, m => { Show(tab, [m.Seq]); return Task.CompletedTask; }).Value!;
            lock (watches)
            {
                watches.Add(watch);
                watches.Add(access);
            }
            var page = await Service.GetHistoryAsync(access);
            Show(tab, page.Value!.Messages.Select(m => m.Seq));
        }));
        await Task.WhenAll(sending.Concat(opening));
        // Live deliveries may still be on their way on the bus's threads; a lost one never completes.
        await Task.WhenAll(complete.Select(c => c.Task)).WaitAsync(TimeSpan.FromSeconds(30));

        var all = Enumerable.Range(1, senders * perSender).Select(i => (long)i).ToArray();
        for (var tab = 0; tab < tabs; tab++)
        {
            lock (shown[tab])
            {
                Assert.Equal(all, shown[tab].Order());
            }
        }
        var newest = await NewestAsync(Alice.Id, Lobby.Id);
        Assert.Equal(all, newest);
        foreach (var watch in watches)
        {
            watch.Dispose();
        }
    }
}
