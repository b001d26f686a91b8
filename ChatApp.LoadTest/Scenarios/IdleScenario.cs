using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;
using ChatApp.LoadTest.Diagnostics;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// N tabs of M people sit in their rooms: what each costs the server in memory (RSS, and with --gcdump the managed
/// heap after a forced full GC with its top types), and in CPU while nothing happens. "Before" is taken once the
/// people are registered and the first room holds its --messages, so per tab is only what the open tabs add.
/// </summary>
public static class IdleScenario
{
    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("idle");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        var dumps = options.GcDump && server is not null ? new DiagnosticTools(server.Pid, Directory.CreateTempSubdirectory("chatapp-idle-").FullName) : null;
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters));
        var phase = "registering";

        await using (new Progress(fleet, server, () => phase))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            if (options.Messages > 0)
            {
                phase = $"filling {options.Rooms[0]} with {options.Messages} messages";
                await RoomSeeder.SeedAsync(fleet, options.Rooms[0], options.Messages, cancellationToken);
            }
            phase = "before";
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var rssBefore = server?.RssBytes();
            var heapBefore = dumps is null ? default : await dumps.GcDumpAsync("before");

            phase = "opening";
            var opening = System.Diagnostics.Stopwatch.StartNew();
            var clientCpu = Environment.CpuUsage.TotalTime;
            var clientRss = Environment.WorkingSet;
            var clientHeap = GC.GetTotalMemory(forceFullCollection: true);
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            result.Figures["open_seconds"] = opening.Elapsed.TotalSeconds;
            result.Figures["tabs_showing_everyone"] = await Presence.WaitForEveryoneAsync(fleet, TimeSpan.FromSeconds(60), cancellationToken);

            // Let the presence diffs and first renders settle before calling the server idle.
            phase = "settling";
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var rssOpen = server?.RssBytes();
            var clientHeapOpen = GC.GetTotalMemory(forceFullCollection: true);
            var batchesStart = counters.Batches;
            var clientIdleCpu = Environment.CpuUsage.TotalTime;
            phase = "idle";
            var idle = server is null ? null : await server.MeasureAsync(() => HoldAsync(fleet, options.Duration, cancellationToken));
            if (server is null)
            {
                await HoldAsync(fleet, options.Duration, cancellationToken);
            }
            // After the idle window: a dump makes the server busy for a while (a full GC, the event pipe), which the
            // window must not see. The tabs are still open.
            phase = "heap dump";
            var heapOpen = dumps is null ? default : await dumps.GcDumpAsync("open");
            var opened = Math.Max(1, fleet.Opened);

            result.Figures["tabs"] = options.Tabs;
            result.Figures["tabs_open"] = fleet.Opened;
            result.Figures["tabs_failed"] = fleet.Failed;
            result.Figures["tabs_alive_at_end"] = fleet.OpenTabs.Count();
            result.Figures["users"] = fleet.Users.Count;
            result.Figures["users_reused"] = fleet.Reused;
            result.Figures["room_messages_before"] = options.Messages;
            result.Figures["components_per_tab"] = fleet.OpenTabs.Select(t => t.Read(d => d.ComponentCount)).DefaultIfEmpty().Average();
            result.Figures["idle_render_batches"] = counters.Batches - batchesStart;
            // The generator's own cost, to tell how many tabs one machine can drive.
            result.Figures["client_rss_per_tab_kb"] = (Environment.WorkingSet - clientRss) / 1024.0 / opened;
            result.Figures["client_heap_per_tab_kb"] = (clientHeapOpen - clientHeap) / 1024.0 / opened;
            result.Figures["client_open_cpu_ms_per_tab"] = (clientIdleCpu - clientCpu).TotalMilliseconds / opened;
            result.Figures["client_idle_cpu_ms_per_s"] = (Environment.CpuUsage.TotalTime - clientIdleCpu).TotalMilliseconds / options.Duration.TotalSeconds;
            if (server is not null)
            {
                result.Figures["server_rss_before_mb"] = rssBefore / 1048576.0;
                result.Figures["server_rss_open_mb"] = rssOpen / 1048576.0;
                result.Figures["server_rss_end_mb"] = server.RssBytes() / 1048576.0;
                if (rssBefore is long before && rssOpen is long open)
                {
                    result.Figures["server_rss_per_tab_kb"] = (open - before) / 1024.0 / opened;
                }
                if (idle is CpuWindow window)
                {
                    result.Figures["server_idle_cpu_s_per_min"] = window.CpuSeconds / window.Seconds * 60;
                }
            }
            if (dumps is not null)
            {
                result.Figures["server_heap_before_mb"] = heapBefore.HeapBytes / 1048576.0;
                result.Figures["server_heap_open_mb"] = heapOpen.HeapBytes / 1048576.0;
                result.Figures["server_heap_per_tab_kb"] = (heapOpen.HeapBytes - heapBefore.HeapBytes) / 1024.0 / opened;
                result.Lines.Add($"top types per tab (bytes, count), from {heapBefore.File} and {heapOpen.File}:");
                result.Lines.AddRange(GcDumpReport.PerTab(heapBefore.Types, heapOpen.Types, opened).Take(25));
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
