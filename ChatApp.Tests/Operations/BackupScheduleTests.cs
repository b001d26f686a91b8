using ChatApp.Core.Diagnostics;
using ChatApp.Web.Operations.Backups;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static ChatApp.Tests.Backplane.Presence.ReplicatedNode;

namespace ChatApp.Tests.Operations;

/// <summary>`Backup:Directory`, `Backup:Every`, `Backup:Keep` on a fake clock: files appear on time and only the newest stay.</summary>
public sealed class BackupScheduleTests : IAsyncLifetime
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private readonly string root = Directory.CreateTempSubdirectory("chatapp-schedule-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<ScheduledBackups> logger = new();
    private ScheduledBackups? service;

    private string Database => Path.Combine(root, "chatapp.db");

    private string Folder => Path.Combine(root, "backups");

    public Task InitializeAsync()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE Notes (Text TEXT); INSERT INTO Notes VALUES ('kept');";
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (service is not null)
        {
            await service.StopAsync(CancellationToken.None);
            service.Dispose();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private ScheduledBackups Start(string provider = "Sqlite", int keep = 3)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = provider == "Sqlite" ? "Data Source=chatapp.db" : "Host=127.0.0.1",
            ["Database:Provider"] = provider,
        }).Build();
        var options = Options.Create(new BackupOptions { Directory = "backups", Every = Every, Keep = keep });
        service = new ScheduledBackups(configuration, new Environment(root), options, time, logger);
        service.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return service;
    }

    /// <summary>The finished backups: a backup being written has a hidden temporary name until it is checked.</summary>
    private string[] Files() => Directory.Exists(Folder)
        ? [.. Directory.EnumerateFileSystemEntries(Folder).Select(path => Path.GetFileName(path)).Where(name => !name.StartsWith('.')).Order()]
        : [];

    [Fact]
    public async Task ABackupIsWrittenAtOnceThenEveryPeriodAndOnlyTheNewestAreKept()
    {
        Start(keep: 3);
        await Eventually(() => Files().Length == 1, "the first backup at start-up", detail: () => string.Join(", ", Files()));
        Assert.Equal(["chatapp-20261130-030000.db"], Files());

        for (var hour = 4; hour <= 8; hour++)
        {
            time.Advance(Every);
            var expected = $"chatapp-20261130-{hour:00}0000.db";
            await Eventually(() => Files().Contains(expected) && Files().Length == Math.Min(3, hour - 2), $"the backup of {hour}:00",
                detail: () => string.Join(", ", Files()));
        }

        Assert.Equal(["chatapp-20261130-060000.db", "chatapp-20261130-070000.db", "chatapp-20261130-080000.db"], Files());
        Assert.Equal(6, logger.Collector.GetSnapshot().Count(r => r.Id.Id == LogEvents.BackupWritten));
        await Eventually(() => logger.Collector.GetSnapshot().Count(r => r.Id.Id == LogEvents.BackupRemoved) == 3, "each deletion logged");
        using var copy = new SqliteConnection($"Data Source={Path.Combine(Folder, "chatapp-20261130-080000.db")};Mode=ReadOnly;Pooling=False");
        copy.Open();
        using var command = copy.CreateCommand();
        command.CommandText = "SELECT Text FROM Notes;";
        Assert.Equal("kept", command.ExecuteScalar());
    }

    [Fact]
    public async Task AfterARestartTheNextBackupIsDueOnePeriodAfterTheNewestOneNotAtOnce()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "chatapp-20261130-024000.db"), "an earlier backup");
        Start();
        await Eventually(() => logger.Collector.GetSnapshot().Any(r => r.Id.Id == LogEvents.BackupsScheduled), "the schedule starts");

        time.Advance(TimeSpan.FromMinutes(39));
        Assert.Single(Files());
        time.Advance(TimeSpan.FromMinutes(1));

        await Eventually(() => Files().Contains("chatapp-20261130-034000.db"), "the backup one hour after the newest");
        Assert.Equal(2, Files().Length);
    }

    [Fact]
    public async Task WithPostgreSqlTheScheduleIsOffAndTheLogPointsToPgDump()
    {
        var started = Start(provider: "Postgres");
        await started.ExecuteTask!;

        var off = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == LogEvents.BackupsOff);
        Assert.Contains("pg_dump", off.Message);
        Assert.Empty(Files());
    }

    private sealed class Environment(string root) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "ChatApp.Web";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = root;
        public string EnvironmentName { get; set; } = "Production";
    }
}
