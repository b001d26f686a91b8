using System.Diagnostics;
using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Reading;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Benchmarks;

/// <summary>
/// Opening a room of 100,000 messages (issue 12), in database time: the access check, the newest history page (read
/// from the database: the node's page cache is off), the unread and mention counts of the reader's rooms, and marking
/// the room read, on a SQLite file as the app uses it. The reader has read half of the room (50,000 unread, 500
/// mentions of them; unread counted up to ReadingService.UnreadCountLimit) before every round. Wall time of the calls, which is
/// the database's plus EF's; the median and the 95th percentile of the rounds are reported.
/// </summary>
internal static class LargeRoomHarness
{
    internal const int RoomSize = 100_000;

    public static async Task RunAsync(int rounds)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chatapp-largeroom-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddChatData(_ => ChatDatabase.Sqlite($"Data Source={path}"));
        services.AddChatIdentityCore();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ChatOptions { HistoryCacheRooms = 0 }));
        services.AddChatCore();
        // Who is present (for @here) is part of preparing a message's text.
        services.AddOptions<ChatApp.Core.Presence.PresenceOptions>().Configure(o => o.NodeId = "large-room");
        services.AddPresenceCore();
        await using var provider = services.BuildServiceProvider();
        try
        {
            var (reader, roomId) = await PrepareAsync(provider);
            var chat = provider.GetRequiredService<ChatService>();
            var reading = provider.GetRequiredService<ReadingService>();
            var parts = new Dictionary<string, List<double>>
            {
                ["open (access)"] = [], ["history page"] = [], ["counts"] = [], ["mark read"] = [], ["total"] = [],
            };
            Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
            for (var round = 0; round <= rounds; round++)
            {
                await ResetPositionAsync(provider, reader, roomId);
                var clock = Stopwatch.StartNew();
                var opened = await chat.OpenRoomAsync(reader, roomId);
                var open = clock.Elapsed.TotalMilliseconds;
                using var access = opened.Value!;
                var page = await chat.GetHistoryAsync(access);
                var history = clock.Elapsed.TotalMilliseconds;
                var counts = await reading.CountAsync(reader);
                var counted = clock.Elapsed.TotalMilliseconds;
                var mark = await reading.MarkReadAsync(access, page.Value!.Messages[^1].Seq);
                var total = clock.Elapsed.TotalMilliseconds;
                if (counts[roomId].Unread != Math.Min(RoomSize / 2, ReadingService.UnreadCountLimit) || counts[roomId].Mentions != RoomSize / 2 / 100 || !mark.Value!.Moved)
                {
                    throw new InvalidOperationException("the room is not as prepared");
                }
                if (round == 0)
                {
                    continue; // warm-up: EF compiles its queries
                }
                parts["open (access)"].Add(open);
                parts["history page"].Add(history - open);
                parts["counts"].Add(counted - history);
                parts["mark read"].Add(total - counted);
                parts["total"].Add(total);
            }
            Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine($"opening a room of {RoomSize:N0} messages, 50,000 unread, {rounds} rounds (ms):");
            foreach (var (name, times) in parts)
            {
                var sorted = times.Order().ToList();
                Console.WriteLine($"  {name,-14} median {sorted[sorted.Count / 2],7:0.00}   p95 {sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1],7:0.00}");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    internal static async Task<(string Reader, int RoomId)> PrepareAsync(IServiceProvider provider)
    {
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Database.MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<ChatSeeder>().SeedAsync(new AdminAccountOptions());
        }
        var author = await CreateUserAsync(provider, "Author");
        var reader = await CreateUserAsync(provider, "Reader");
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        var roomId = await db.Rooms.Where(r => r.Slug == Room.LobbySlug).Select(r => r.Id).SingleAsync();
        await db.Database.ExecuteSqlRawAsync(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {2})
            INSERT INTO "Messages" ("RoomId", "Seq", "AuthorId", "Text", "SentAt", "ClientMessageId")
            SELECT {0}, i, {1}, 'message number ' || i || ' of the large room', '2026-11-30 12:00:00+00:00', upper(hex(randomblob(16))) FROM n
            """,
            roomId, author, RoomSize);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "MessageMentions" ("MessageId", "UserId", "RoomId", "Seq")
            SELECT "Id", {1}, "RoomId", "Seq" FROM "Messages" WHERE "RoomId" = {0} AND "Seq" % 100 = 0
            """,
            roomId, reader);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return (reader, roomId);
    }

    private static async Task ResetPositionAsync(IServiceProvider provider, string reader, int roomId)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        await db.ReadPositions.Where(p => p.UserId == reader && p.RoomId == roomId).ExecuteDeleteAsync();
        db.ReadPositions.Add(new ReadPosition { UserId = reader, RoomId = roomId, LastReadSeq = RoomSize / 2 });
        await db.SaveChangesAsync();
    }

    private static async Task<string> CreateUserAsync(IServiceProvider provider, string name)
    {
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        var user = new ChatUser { UserName = $"{name.ToLowerInvariant()}@example.test", Email = $"{name.ToLowerInvariant()}@example.test", DisplayName = name };
        var result = await users.CreateAsync(user, "Tangerine-Kite-42");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        return user.Id;
    }
}
