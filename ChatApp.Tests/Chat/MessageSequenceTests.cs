using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat;

/// <summary>Messages are numbered 1, 2, 3, ... within their room; the global key never reaches the UI.</summary>
public class MessageSequenceTests : ChatServiceTest
{
    public MessageSequenceTests() : this(TestDatabase.Sqlite)
    {
    }

    protected MessageSequenceTests(Func<TestDatabase> database) : base(database)
    {
    }

    private ChatService service => Get<ChatService>();

    [Fact]
    public async Task MessagesAreNumberedFromOneWithinTheirRoomWhateverHappensInOtherRooms()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Provider, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Provider, secret, Bob);

        var first = await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "one");
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await service.SendAsync(Bob.Id, secret.Id, Guid.NewGuid(), $"hidden {i}")).Succeeded);
        }
        var second = await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "two");

        // Alice cannot see the private room, and the lobby's numbers do not tell her five messages went there.
        Assert.Equal(1, first.Value!.Seq);
        Assert.Equal(2, second.Value!.Seq);
        var history = await service.GetHistoryAsync(Alice.Id, Lobby.Id);
        Assert.Equal([1L, 2L], history.Value!.Messages.Select(m => m.Seq));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], (await service.GetHistoryAsync(Bob.Id, secret.Id)).Value!.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task ManySendsToOneRoomAtOnceGetDistinctGaplessNumbers()
    {
        var users = new List<ChatUser> { Alice, Bob };
        for (var i = 0; i < 6; i++)
        {
            users.Add(await ChatTestServices.CreateUserAsync(Provider, $"User{i}"));
        }

        var results = await Task.WhenAll(users.SelectMany(u => Enumerable.Range(0, 5)
            .Select(i => Task.Run(() => service.SendAsync(u.Id, Lobby.Id, Guid.NewGuid(), $"{u.DisplayName} {i}")))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), results.Select(r => r.Value!.Seq).Order());
        var stored = await WithDbAsync(db => db.Messages.Where(m => m.RoomId == Lobby.Id).Select(m => m.Seq).OrderBy(s => s).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), stored);
    }

    [Fact]
    public async Task LoadingOlderPagesGoesBySequenceNumber()
    {
        var other = await ChatTestServices.CreateRoomAsync(Provider, "other");
        for (var i = 1; i <= 120; i++)
        {
            // Another room's messages between the lobby's give the lobby's global keys gaps: paging must not care.
            await service.SendAsync(Alice.Id, i % 3 == 0 ? other.Id : Lobby.Id, Guid.NewGuid(), $"m{i}");
            Chat.Time.Advance(TimeSpan.FromSeconds(2));
        }

        var newest = (await service.GetHistoryAsync(Bob.Id, Lobby.Id)).Value!;
        var older = (await service.GetHistoryAsync(Bob.Id, Lobby.Id, beforeSeq: newest.Messages[0].Seq)).Value!;

        Assert.Equal(Enumerable.Range(31, 50).Select(i => (long)i), newest.Messages.Select(m => m.Seq));
        Assert.True(newest.HasOlder);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), older.Messages.Select(m => m.Seq));
        Assert.False(older.HasOlder);
        Assert.Equal("m1", older.Messages[0].Text);
    }

    private async Task<T> WithDbAsync<T>(Func<ChatDbContext, Task<T>> query)
    {
        await using var db = await Provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
