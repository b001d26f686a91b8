using System.Diagnostics;
using System.Globalization;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>A live progress line every two seconds (on stderr, so stdout keeps only the summary).</summary>
public sealed class Progress : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public Progress(TabFleet fleet, ServerProcess? server, Func<string>? extra = null)
    {
        loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    var c = fleet.Options.Tab.Counters;
                    var rss = server?.RssBytes() is long bytes ? $" | server rss {bytes / 1048576.0:0} MB cpu {server.CpuSeconds():0.0} s" : "";
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{clock.Elapsed.TotalSeconds,5:0}s] people {fleet.Registered}/{fleet.Options.Users} tabs {fleet.Opened}/{fleet.Options.Tabs} failed {fleet.Failed} | batches {c.Batches} ({c.BatchBytes / 1048576.0:0.0} MB) events {c.Events} errors {c.Errors} drops {c.ConnectionDrops} timeouts {c.Timeouts}{rss}{(extra is null ? "" : " | " + extra())}"));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
