using System.Diagnostics;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// Tabs come and go: N tabs stay open while, --rate times a second, the oldest closes (like a browser: the
/// disconnect beacon) and a new one opens. Measures the time to open a tab under churn, and that the others survive.
/// </summary>
public static class ChurnScenario
{
    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("churn");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters));
        var openTime = new Latency();
        var cycles = 0;

        await using (new Progress(fleet, server, () => $"cycles {Volatile.Read(ref cycles)}"))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            var rssStart = server?.RssBytes();
            var interval = TimeSpan.FromSeconds(1 / options.MessagesPerSecond);
            var clock = Stopwatch.StartNew();
            for (var k = 0; clock.Elapsed < options.Duration; k++)
            {
                var due = interval * k;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }
                await fleet.CloseTabAsync(fleet.Tabs[0]);
                var started = Stopwatch.GetTimestamp();
                var failedBefore = fleet.Failed;
                await fleet.OpenTabsAsync(1, cancellationToken);
                if (fleet.Failed == failedBefore)
                {
                    openTime.Record(started, Stopwatch.GetTimestamp());
                }
                Interlocked.Increment(ref cycles);
            }

            result.Figures["tabs"] = options.Tabs;
            result.Figures["cycles"] = cycles;
            result.Figures["cycles_per_second"] = cycles / clock.Elapsed.TotalSeconds;
            result.Figures["tabs_failed"] = fleet.Failed;
            result.Figures["tabs_alive_at_end"] = fleet.OpenTabs.Count();
            result.Figures["tabs_showing_everyone"] = await Presence.WaitForEveryoneAsync(fleet, TimeSpan.FromSeconds(60), cancellationToken);
            if (server is not null && rssStart is long before && server.RssBytes() is long after)
            {
                // Closed tabs should give their memory back; growth here hints at something kept per closed tab.
                result.Figures["server_rss_growth_mb"] = (after - before) / 1048576.0;
            }
            result.Latencies["tab_open_under_churn"] = openTime.Summary();
        }
        result.AddCounters(counters);
        return result;
    }
}
