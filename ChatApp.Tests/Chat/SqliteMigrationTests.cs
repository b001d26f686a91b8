using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat;

/// <summary>
/// SQLite databases from before a change are migrated with their data. (PostgreSQL's migrations start after these
/// changes: there is no older PostgreSQL database to carry forward.)
/// </summary>
public sealed class SqliteMigrationTests
{
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
        await using (var connection = new SqliteConnection(chat.Database.ConnectionString))
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
}

internal static class ServiceCollectionTestExtensions
{
    public static IServiceCollection Also(this IServiceCollection services, Action<IServiceCollection> configure)
    {
        configure(services);
        return services;
    }
}
