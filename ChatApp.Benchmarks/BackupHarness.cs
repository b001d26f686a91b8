using System.Diagnostics;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Web.Operations.Backups;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Benchmarks;

/// <summary>
/// How long an online backup of a 100,000-message database (the large-room database, in WAL mode as the app runs it)
/// keeps a send from writing: a writer takes SQLite's write lock (BEGIN IMMEDIATE), inserts a message and commits, over
/// and over, before and while <see cref="SqliteBackup"/> runs; each write's wall time is recorded. A backup that held
/// the write lock would show as one write as long as the copy.
/// </summary>
internal static class BackupHarness
{
    public static async Task RunAsync(int rounds)
    {
        var root = Directory.CreateTempSubdirectory("chatapp-backup-harness-").FullName;
        var path = Path.Combine(root, "chatapp.db");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddChatData(_ => ChatDatabase.Sqlite($"Data Source={path}"));
        services.AddChatIdentityCore();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ChatOptions { HistoryCacheRooms = 0 }));
        services.AddChatCore();
        services.AddOptions<PresenceOptions>().Configure(o => o.NodeId = "backup");
        services.AddPresenceCore();
        await using var provider = services.BuildServiceProvider();
        try
        {
            var (author, roomId) = await LargeRoomHarness.PrepareAsync(provider);
            using (var wal = new SqliteConnection($"Data Source={path}"))
            {
                wal.Open();
                using var command = wal.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;";
                command.ExecuteNonQuery();
            }
            Console.WriteLine($"database: {new FileInfo(path).Length / 1024.0 / 1024.0:0.0} MB, {LargeRoomHarness.RoomSize:N0} messages");
            Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
            var seq = (long)LargeRoomHarness.RoomSize;
            for (var round = 1; round <= rounds; round++)
            {
                var quiet = Writes(path, author, roomId, ref seq, TimeSpan.FromMilliseconds(500));
                using var stop = new CancellationTokenSource();
                var during = new List<double>();
                var writer = Task.Run(() =>
                {
                    var local = seq + 1_000_000 * round;
                    while (!stop.IsCancellationRequested)
                    {
                        during.Add(Write(path, author, roomId, ++local));
                    }
                });
                var target = Path.Combine(root, $"backup-{round}.db");
                var result = await SqliteBackup.WriteAsync($"Data Source={path}", target);
                await stop.CancelAsync();
                await writer;
                File.Delete(target);
                Console.WriteLine(
                    $"round {round}: copy {result.CopyTime.TotalMilliseconds:0} ms, copy+check+rename {result.Total.TotalMilliseconds:0} ms; " +
                    $"writes during it: {during.Count}, longest {during.DefaultIfEmpty().Max():0.0} ms, median {Median(during):0.0} ms; " +
                    $"writes without a backup: longest {quiet.Max():0.0} ms, median {Median(quiet):0.0} ms");
            }
            Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<double> Writes(string path, string author, int roomId, ref long seq, TimeSpan span)
    {
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < span)
        {
            times.Add(Write(path, author, roomId, ++seq));
        }
        return times;
    }

    private static double Write(string path, string author, int roomId, long seq)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "Messages" ("RoomId", "Seq", "AuthorId", "Text", "SentAt", "ClientMessageId")
            VALUES ($room, $seq, $author, 'written during a backup', '2026-11-30 12:00:00+00:00', upper(hex(randomblob(16))))
            """;
        command.Parameters.AddWithValue("$room", roomId);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$author", author);
        command.ExecuteNonQuery();
        transaction.Commit();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> times) => times.Count == 0 ? 0 : times.Order().ElementAt(times.Count / 2);
}
