using System.Collections.Concurrent;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Tests.Integration;
using ChatApp.Tests.Integration.Accounts;
using ChatApp.Web.Operations.Backups;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static ChatApp.Tests.Backplane.Presence.ReplicatedNode;

namespace ChatApp.Tests.Operations;

/// <summary>
/// An online backup of the running app while people send on several threads, restored as docs/operations.md says
/// (app stopped, the file copied back, started): it opens, passes SQLite's integrity check and has every message
/// that was saved before the backup began, each room numbered without holes.
/// </summary>
public sealed class BackupRoundTripTests : IAsyncLifetime
{
    private readonly AccountTestHost host = new(new Dictionary<string, string> { ["Chat:SendLimitCount"] = "1000000" });
    private readonly string folder = Directory.CreateTempSubdirectory("chatapp-backup-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private string AppConnectionString => host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Default")!;

    [Fact]
    public async Task ABackupTakenWhileMessagesFlowHasEveryMessageSavedBeforeItBeganAndTheRestoredAppOpensIt()
    {
        host.Client();
        var lobby = await LobbyAsync(host.Services);
        var senders = new List<ChatUser>();
        for (var i = 0; i < 4; i++)
        {
            senders.Add(await host.CreateUserAsync($"Sender{i}"));
        }
        var chat = host.Services.GetRequiredService<ChatService>();
        var saved = new ConcurrentDictionary<Guid, string>();
        using var stop = new CancellationTokenSource();
        var flowing = senders.Select(sender => Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var id = Guid.NewGuid();
                var sent = await chat.SendAsync(sender.Id, lobby, id, $"{sender.DisplayName} says {n}");
                Assert.True(sent.Succeeded, sent.Error?.Message);
                saved[id] = sent.Value!.Text;
            }
        })).ToArray();

        await Eventually(() => saved.Count >= 300, "messages flow from four senders");
        var savedBefore = saved.Keys.ToHashSet();
        var backup = await SqliteBackup.WriteAsync(AppConnectionString, Path.Combine(folder, "online.db"));
        var afterBackup = saved.Count;
        await Eventually(() => saved.Count >= afterBackup + 100, "sending goes on after the backup");
        await stop.CancelAsync();
        await Task.WhenAll(flowing);

        // Restore: the backup copied to where a stopped app's database was, and an app started on it.
        var restoredPath = Path.Combine(folder, "restored.db");
        File.Copy(backup.Path, restoredPath);
        using (var check = new SqliteConnection($"Data Source={restoredPath};Pooling=False"))
        {
            check.Open();
            using var command = check.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", command.ExecuteScalar());
        }
        await using var restored = new ChatAppFactory();
        restored.Settings["ConnectionStrings:Default"] = $"Data Source={restoredPath}";
        restored.CreateClient();
        await using var scope = restored.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var messages = await db.Messages.Where(m => m.RoomId == lobby).Select(m => new { m.ClientMessageId, m.Seq }).ToListAsync();
        var restoredIds = messages.Select(m => m.ClientMessageId).ToHashSet();

        Assert.Empty(savedBefore.Except(restoredIds));
        Assert.True(messages.Count < saved.Count, "the backup is a snapshot: messages sent after it are not in it");
        Assert.Equal(Enumerable.Range(1, messages.Count).Select(n => (long)n), messages.Select(m => m.Seq).Order());
    }

    [Fact]
    public async Task TheBackupCommandCopiesTheDatabaseOfARunningAppAndNeverOverwritesAFile()
    {
        host.Client();
        var lobby = await LobbyAsync(host.Services);
        var alice = await host.CreateUserAsync("Alice");
        var sent = await host.Services.GetRequiredService<ChatService>().SendAsync(alice.Id, lobby, Guid.NewGuid(), "before the backup");
        Assert.True(sent.Succeeded);
        var target = Path.Combine(folder, "by-command.db");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await BackupCommand.RunAsync(["--to", target, $"--ConnectionStrings:Default={AppConnectionString}"], output, error);

        Assert.Equal(0, exit);
        Assert.Contains($"Backup written to {target}", output.ToString());
        Assert.Equal("", error.ToString());
        using (var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False"))
        {
            copy.Open();
            using var command = copy.CreateCommand();
            command.CommandText = "SELECT Text FROM Messages WHERE RoomId = $room;";
            command.Parameters.AddWithValue("$room", lobby);
            Assert.Equal("before the backup", command.ExecuteScalar());
        }

        var size = new FileInfo(target).Length;
        var again = await BackupCommand.RunAsync(["--to", target, $"--ConnectionStrings:Default={AppConnectionString}"], output, error);
        Assert.Equal(1, again);
        Assert.Contains("already exists", error.ToString());
        Assert.Equal(size, new FileInfo(target).Length);
    }

    [Fact]
    public async Task TheBackupCommandSaysWhatIsMissingInsteadOfWritingAnything()
    {
        var target = Path.Combine(folder, "nothing.db");
        var missingDatabase = Path.Combine(folder, "no-such.db");

        Assert.Equal(2, await BackupCommand.RunAsync([$"--ConnectionStrings:Default=Data Source={missingDatabase}"], TextWriter.Null, TextWriter.Null));
        var error = new StringWriter();
        Assert.Equal(1, await BackupCommand.RunAsync(["--to", target, $"--ConnectionStrings:Default=Data Source={missingDatabase}"], TextWriter.Null, error));
        Assert.Contains($"There is no database at {missingDatabase}", error.ToString());
        Assert.False(File.Exists(missingDatabase), "no empty database is created where the app's should be");
        var postgres = new StringWriter();
        Assert.Equal(2, await BackupCommand.RunAsync(["--to", target, "--Database:Provider=Postgres", "--ConnectionStrings:Default=Host=127.0.0.1"], TextWriter.Null, postgres));
        Assert.Contains("pg_dump", postgres.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    private static async Task<int> LobbyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Rooms.Where(r => r.Slug == "lobby").Select(r => r.Id).SingleAsync();
    }
}
