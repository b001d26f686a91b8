using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat;

/// <summary>Messages are numbered 1, 2, 3, ... within their room; the global key never reaches the UI.</summary>
public sealed class MessageSequenceTests : ChatServiceTest
{
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

    [Fact]
    public async Task TheMigrationNumbersExistingMessagesPerRoomInTheOrderTheyWereStored()
    {
        await using var chat = new ChatTestServices();
        await using var provider = new ServiceCollection().Also(chat.AddTo).BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var numbering = migrations.FindIndex(m => m.EndsWith("_MessageRoomSequence", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(migrations[numbering - 1]);
        }
        await using (var connection = new SqliteConnection(chat.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Rooms 1 and 2 interleaved, with a gap in the global keys, as a database from before the change holds them.
            command.CommandText = """
                PRAGMA foreign_keys = OFF;
                INSERT INTO Rooms (Id, Name, Slug, Topic, IsPrivate, IsArchived, CreatedAt) VALUES (1, 'a', 'a', '', 0, 0, '2026-01-01'), (2, 'b', 'b', '', 0, 0, '2026-01-01');
                INSERT INTO Messages (Id, RoomId, AuthorId, Text, SentAt, ClientMessageId) VALUES
                    (10, 1, 'u', 'a1', '2026-01-01', '00000000-0000-0000-0000-000000000001'),
                    (11, 2, 'u', 'b1', '2026-01-01', '00000000-0000-0000-0000-000000000002'),
                    (15, 1, 'u', 'a2', '2026-01-01', '00000000-0000-0000-0000-000000000003'),
                    (16, 1, 'u', 'a3', '2026-01-01', '00000000-0000-0000-0000-000000000004'),
                    (20, 2, 'u', 'b2', '2026-01-01', '00000000-0000-0000-0000-000000000005');
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            await db.Database.MigrateAsync();
            var numbered = await db.Messages.OrderBy(m => m.Id).Select(m => new { m.Text, m.Seq }).ToListAsync();
            Assert.Equal(["a1:1", "b1:1", "a2:2", "a3:3", "b2:2"], numbered.Select(m => $"{m.Text}:{m.Seq}"));
        }
    }

    private async Task<T> WithDbAsync<T>(Func<ChatDbContext, Task<T>> query)
    {
        await using var db = await Provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}

internal static class ServiceCollectionTestExtensions
{
    public static IServiceCollection Also(this IServiceCollection services, Action<IServiceCollection> configure)
    {
        configure(services);
        return services;
    }
}
