using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>N tabs of M people sit in their rooms: what each costs the server in memory, and in CPU while nothing happens.</summary>
public static class IdleScenario
{
    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("idle");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters));
        var rssBefore = server?.RssBytes();

        await using (new Progress(fleet, server))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            var opening = System.Diagnostics.Stopwatch.StartNew();
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            result.Figures["open_seconds"] = opening.Elapsed.TotalSeconds;
            result.Figures["tabs_showing_everyone"] = await Presence.WaitForEveryoneAsync(fleet, TimeSpan.FromSeconds(60), cancellationToken);

            // Let the presence diffs and first renders settle before calling the server idle.
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var rssOpen = server?.RssBytes();
            var cpuStart = server?.CpuSeconds();
            var batchesStart = counters.Batches;
            await HoldAsync(fleet, options.Duration, cancellationToken);
            var cpuEnd = server?.CpuSeconds();

            result.Figures["tabs"] = options.Tabs;
            result.Figures["tabs_open"] = fleet.Opened;
            result.Figures["tabs_failed"] = fleet.Failed;
            result.Figures["tabs_alive_at_end"] = fleet.OpenTabs.Count();
            result.Figures["users"] = fleet.Users.Count;
            result.Figures["components_per_tab"] = fleet.OpenTabs.Select(t => t.Read(d => d.ComponentCount)).DefaultIfEmpty().Average();
            result.Figures["idle_render_batches"] = counters.Batches - batchesStart;
            if (server is not null)
            {
                result.Figures["server_rss_before_mb"] = rssBefore / 1048576.0;
                result.Figures["server_rss_open_mb"] = rssOpen / 1048576.0;
                result.Figures["server_rss_end_mb"] = server.RssBytes() / 1048576.0;
                if (rssBefore is long before && rssOpen is long open && fleet.Opened > 0)
                {
                    result.Figures["server_rss_per_tab_kb"] = (open - before) / 1024.0 / fleet.Opened;
                }
                if (cpuStart is double a && cpuEnd is double b)
                {
                    result.Figures["server_idle_cpu_s_per_min"] = (b - a) / options.Duration.TotalMinutes;
                }
                result.Figures["managed_heap"] = "not exposed by the app (RSS only)";
            }
        }
        result.AddCounters(counters);
        return result;
    }

    /// <summary>
    /// Waits out the hold. A real tab reports input now and then; without it everyone turns "away" after the app's
    /// auto-away time (5 min), which changes the presence traffic. So each tab reports activity every 4 minutes.
    /// </summary>
    private static async Task HoldAsync(TabFleet fleet, TimeSpan duration, CancellationToken cancellationToken)
    {
        var activityEvery = TimeSpan.FromMinutes(4);
        var end = DateTime.UtcNow + duration;
        while (end - DateTime.UtcNow > activityEvery)
        {
            await Task.Delay(activityEvery, cancellationToken);
            await Parallel.ForEachAsync(fleet.OpenTabs.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (tab, ct) =>
                {
                    try
                    {
                        await tab.ReportActivityAsync(ct);
                    }
                    catch (LoadTestException)
                    {
                        // The tab failed and says why in the counters; the hold goes on for the others.
                    }
                });
        }
        var left = end - DateTime.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken);
        }
    }
}
