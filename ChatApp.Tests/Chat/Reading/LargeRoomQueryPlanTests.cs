using System.Data.Common;
using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Reading;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatApp.Tests.Chat.Reading;

/// <summary>
/// A room of 100,000 messages: the queries of opening it (history page, older page, unread and mention counts, the read
/// position) go through indexes, never a full scan of the messages, as SQLite's EXPLAIN QUERY PLAN shows.
/// </summary>
public sealed class LargeRoomQueryPlanTests(ITestOutputHelper output) : ChatServiceTest
{
    private const int RoomSize = 100_000;

    [Fact]
    public async Task OpeningARoomOfAHundredThousandMessagesUsesIndexesOnly()
    {
        await LargeRoom.FillAsync(Provider, Lobby.Id, Bob.Id, Alice.Id, RoomSize);
        await using var db = await Get<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var alice = new Actor(Alice.Id, "Alice", IsAdmin: false);
        Assert.Equal(RoomSize, await db.Messages.CountAsync(m => m.RoomId == Lobby.Id));

        var plans = new Dictionary<string, (IReadOnlyList<string> Lines, HashSet<string> MessageTables)>
        {
            ["newest page"] = await PlanAsync(db, ChatService.NewestFirst(db, Lobby.Id, null, 51)),
            ["older page"] = await PlanAsync(db, ChatService.NewestFirst(db, Lobby.Id, 60_000, 51)),
            ["unread and mention counts"] = await PlanAsync(db, ReadingService.Counts(db, alice)),
            ["read position and newest"] = await PlanAsync(db, ReadingService.PositionAndNewest(db, Alice.Id, Lobby.Id)),
        };

        foreach (var (name, (plan, messageTables)) in plans)
        {
            output.WriteLine($"{name}:\n  {string.Join("\n  ", plan)}");
            // SQLite names a full pass over a table "SCAN <table or alias>" without "USING ... INDEX" (a SCAN of a
            // subquery's few rows, or of the rooms, is fine): none may be over the messages or the mentions.
            var fullScans = plan.Where(line => line.StartsWith("SCAN ", StringComparison.Ordinal) && !line.Contains("INDEX", StringComparison.Ordinal));
            Assert.DoesNotContain(fullScans, line => messageTables.Contains(line["SCAN ".Length..].Split(' ')[0]));
        }
        // And the counts are right on it: Alice read half, every 100th message mentions her; unread messages are
        // counted up to the limit (the badge says "at least"), mentions all.
        var counts = await Get<ReadingService>().CountAsync(Alice.Id);
        Assert.Equal(new UnreadCount(Lobby.Id, RoomSize / 2, ReadingService.UnreadCountLimit, RoomSize / 2 / 100, RoomSize), counts[Lobby.Id]);
    }

    /// <summary>The plan's detail lines for the query as EF sends it (its parameters bound as EF would bind them).</summary>
    private static async Task<(IReadOnlyList<string> Lines, HashSet<string> MessageTables)> PlanAsync<T>(ChatDbContext db, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        var tables = System.Text.RegularExpressions.Regex.Matches(command.CommandText, "\"(Messages|MessageMentions)\" AS \"(\\w+)\"")
            .Select(m => m.Groups[2].Value).Concat(["Messages", "MessageMentions"]).ToHashSet();
        Assert.True(tables.Count > 2, "the query reads no messages at all");
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        if (command.Connection!.State != System.Data.ConnectionState.Open)
        {
            await command.Connection.OpenAsync();
        }
        var lines = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }
        _ = db;
        // The names the query gave the messages and mentions tables (EF's aliases), and the tables' own names.
        return (lines, tables);
    }
}

/// <summary>A room of many messages written in one statement (SQLite), with a read position and mentions.</summary>
internal static class LargeRoom
{
    public static async Task FillAsync(IServiceProvider provider, int roomId, string authorId, string readerId, int size)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {2})
            INSERT INTO "Messages" ("RoomId", "Seq", "AuthorId", "Text", "SentAt", "ClientMessageId")
            SELECT {0}, i, {1}, 'message ' || i, '2026-11-30 12:00:00+00:00', upper(hex(randomblob(16))) FROM n
            """,
            roomId, authorId, size);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "MessageMentions" ("MessageId", "UserId", "RoomId", "Seq")
            SELECT "Id", {1}, "RoomId", "Seq" FROM "Messages" WHERE "RoomId" = {0} AND "Seq" % 100 = 0
            """,
            roomId, readerId);
        db.ReadPositions.Add(new ReadPosition { UserId = readerId, RoomId = roomId, LastReadSeq = size / 2 });
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}
