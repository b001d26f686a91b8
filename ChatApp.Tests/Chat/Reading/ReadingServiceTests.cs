using System.Collections.Concurrent;
using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Reading;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat.Reading;

/// <summary>Read positions per person and room, and the unread and mention counts built on them.</summary>
public class ReadingServiceTests : ChatServiceTest
{
    public ReadingServiceTests() : this(TestDatabase.Sqlite)
    {
    }

    protected ReadingServiceTests(Func<TestDatabase> database) : base(database)
    {
    }

    private ReadingService Reading => Get<ReadingService>();

    [Fact]
    public async Task ANewPersonFindsTheLobbysHistoryReadAndOnlyLaterMessagesUnread()
    {
        await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Alice.Id, 30);
        var carol = await ChatTestServices.CreateUserAsync(Provider, "Carol");

        var first = await Reading.CountAsync(carol.Id);
        Assert.Equal(new UnreadCount(Lobby.Id, 30, 0, 0, 30), first[Lobby.Id]);

        await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Alice.Id, 2);
        var later = await Reading.CountAsync(carol.Id);
        Assert.Equal(2, later[Lobby.Id].Unread);
        Assert.Equal(32, later[Lobby.Id].NewestSeq);
    }

    [Fact]
    public async Task UnreadCountsLeaveOutOnesOwnMessagesAndDeletedOnes()
    {
        await Reading.CountAsync(Alice.Id);
        await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Bob.Id, 3);
        await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Alice.Id, 2);
        var deleted = await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Bob.Id, 1);
        await ReadingData.DeleteAsync(Provider, Lobby.Id, deleted[0]);

        var counts = await Reading.CountAsync(Alice.Id);

        Assert.Equal(3, counts[Lobby.Id].Unread);
        Assert.Equal(6, counts[Lobby.Id].NewestSeq);
    }

    [Fact]
    public async Task MentionsCountOnlyUnreadNotDeletedMessagesThatMentionThePerson()
    {
        await Reading.CountAsync(Alice.Id);
        var seqs = await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Bob.Id, 4);
        await ReadingData.MentionAsync(Provider, Lobby.Id, seqs[0], Alice.Id);
        await ReadingData.MentionAsync(Provider, Lobby.Id, seqs[2], Alice.Id);
        await ReadingData.MentionAsync(Provider, Lobby.Id, seqs[3], Alice.Id);
        await ReadingData.MentionAsync(Provider, Lobby.Id, seqs[1], Bob.Id);
        await ReadingData.DeleteAsync(Provider, Lobby.Id, seqs[3]);

        Assert.Equal(2, (await Reading.CountAsync(Alice.Id))[Lobby.Id].Mentions);

        using var access = await AccessAsync(Alice.Id, Lobby.Id);
        await Reading.MarkReadAsync(access, seqs[0]);
        var counts = await Reading.CountAsync(Alice.Id);
        Assert.Equal(1, counts[Lobby.Id].Mentions);
        Assert.Equal(2, counts[Lobby.Id].Unread);
    }

    [Fact]
    public async Task APositionOnlyMovesForwardAndNeverPastTheNewestMessage()
    {
        await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Bob.Id, 5);
        using var access = await AccessAsync(Alice.Id, Lobby.Id);

        var first = await Reading.MarkReadAsync(access, 4);
        var back = await Reading.MarkReadAsync(access, 2);
        var beyond = await Reading.MarkReadAsync(access, 1_000);

        Assert.Equal(new ReadMark(Lobby.Id, null, 4, true), first.Value);
        Assert.Equal(new ReadMark(Lobby.Id, 4, 4, false), back.Value);
        Assert.Equal(new ReadMark(Lobby.Id, 4, 5, true), beyond.Value);
        Assert.Equal(5, await ReadingData.PositionAsync(Provider, Alice.Id, Lobby.Id));
        Assert.Equal(0, (await Reading.CountAsync(Alice.Id))[Lobby.Id].Unread);
    }

    [Fact]
    public async Task RoomsThePersonMayNotOpenAreNotCountedAndCannotBeMarked()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Provider, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Provider, secret, Bob);
        await ReadingData.AddMessagesAsync(Provider, secret.Id, Bob.Id, 3);

        Assert.DoesNotContain(secret.Id, (await Reading.CountAsync(Alice.Id)).Keys);
        Assert.False((await Get<ChatService>().OpenRoomAsync(Alice.Id, secret.Id)).Succeeded);

        // An access taken away (removed from the room) marks nothing.
        var access = await AccessAsync(Bob.Id, secret.Id);
        access.Dispose();
        Assert.Equal(ChatErrorKind.NotAllowed, (await Reading.MarkReadAsync(access, 3)).Error!.Kind);
        Assert.Null(await ReadingData.PositionAsync(Provider, Bob.Id, secret.Id));
    }

    [Fact]
    public async Task MarkingReadInOneTabTellsEveryTabOfThatPersonAndNobodyElse()
    {
        await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Bob.Id, 3);
        var bus = Get<IEventBus>();
        var tab1 = new TaskCompletionSource<ReadPositionMoved>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tab2 = new TaskCompletionSource<ReadPositionMoved>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bobHeard = 0;
        using var s1 = bus.Subscribe<ReadPositionMoved>(EventKey.User(Alice.Id), e => { tab1.TrySetResult(e); return Task.CompletedTask; });
        using var s2 = bus.Subscribe<ReadPositionMoved>(EventKey.User(Alice.Id), e => { tab2.TrySetResult(e); return Task.CompletedTask; });
        using var s3 = bus.Subscribe<ReadPositionMoved>(EventKey.User(Bob.Id), _ => { Interlocked.Increment(ref bobHeard); return Task.CompletedTask; });

        using var access = await AccessAsync(Alice.Id, Lobby.Id);
        await Reading.MarkReadAsync(access, 3);

        var expected = new ReadPositionMoved(Alice.Id, Lobby.Id, 3);
        Assert.Equal(expected, await tab1.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(expected, await tab2.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, Volatile.Read(ref bobHeard));
    }

    [Fact]
    public async Task ManyTabsMarkingAtOnceLeaveTheFurthestPositionAndNeverAnnounceAStepBack()
    {
        await ReadingData.AddMessagesAsync(Provider, Lobby.Id, Bob.Id, 40);
        var heard = new ConcurrentQueue<long>();
        using var subscription = Get<IEventBus>().Subscribe<ReadPositionMoved>(
            EventKey.User(Alice.Id), e => { heard.Enqueue(e.LastReadSeq); return Task.CompletedTask; });
        var accesses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AccessAsync(Alice.Id, Lobby.Id)));

        var marks = await Task.WhenAll(Enumerable.Range(1, 40).Select(seq =>
            Task.Run(() => Reading.MarkReadAsync(accesses[seq % accesses.Length], seq))));

        Assert.All(marks, m => Assert.True(m.Succeeded));
        Assert.Equal(40, await ReadingData.PositionAsync(Provider, Alice.Id, Lobby.Id));
        Assert.Contains(40L, heard);
        // Each announcement is a save that moved the position forward: never one number twice.
        Assert.Equal(heard.Count, heard.Distinct().Count());
        foreach (var access in accesses)
        {
            access.Dispose();
        }
    }
}

/// <summary>Messages and mentions written straight into the database (fast, and no sending limits in the way).</summary>
internal static class ReadingData
{
    public static async Task<List<long>> AddMessagesAsync(IServiceProvider provider, int roomId, string authorId, int count)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var last = await db.Messages.Where(m => m.RoomId == roomId).MaxAsync(m => (long?)m.Seq) ?? 0;
        var seqs = Enumerable.Range(1, count).Select(i => last + i).ToList();
        db.Messages.AddRange(seqs.Select(seq => new ChatMessage
        {
            RoomId = roomId, Seq = seq, AuthorId = authorId, Text = $"message {seq}", SentAt = DateTimeOffset.UnixEpoch, ClientMessageId = Guid.NewGuid(),
        }));
        await db.SaveChangesAsync();
        return seqs;
    }

    public static async Task DeleteAsync(IServiceProvider provider, int roomId, long seq)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var message = await db.Messages.SingleAsync(m => m.RoomId == roomId && m.Seq == seq);
        (message.DeletedAt, message.Text) = (DateTimeOffset.UnixEpoch, "");
        await db.SaveChangesAsync();
    }

    public static async Task MentionAsync(IServiceProvider provider, int roomId, long seq, string userId)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var id = await db.Messages.Where(m => m.RoomId == roomId && m.Seq == seq).Select(m => m.Id).SingleAsync();
        db.MessageMentions.Add(new MessageMention { MessageId = id, UserId = userId, RoomId = roomId, Seq = seq });
        await db.SaveChangesAsync();
    }

    public static async Task<long?> PositionAsync(IServiceProvider provider, string userId, int roomId)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await db.ReadPositions.Where(p => p.UserId == userId && p.RoomId == roomId).Select(p => (long?)p.LastReadSeq).SingleOrDefaultAsync();
    }
}
