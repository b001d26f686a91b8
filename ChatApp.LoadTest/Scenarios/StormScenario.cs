using System.Diagnostics;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// A join storm: all tabs open into one room as fast as --parallel allows. Measures how long until every tab shows
/// everyone, counted from the last tab being ready, and how many render batches the storm cost (per tab).
/// </summary>
public static class StormScenario
{
    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("storm");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters) with { Rooms = [options.Rooms[0]] });

        await using (new Progress(fleet, server))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            var cpuStart = server?.CpuSeconds();
            var clock = Stopwatch.StartNew();
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            var lastReady = clock.Elapsed;
            var showing = await Presence.WaitForEveryoneAsync(fleet, options.Duration, cancellationToken);
            var everyone = clock.Elapsed;
            var batches = counters.Batches;
            var cpuEnd = server?.CpuSeconds();

            result.Figures["tabs"] = options.Tabs;
            result.Figures["tabs_open"] = fleet.Opened;
            result.Figures["tabs_failed"] = fleet.Failed;
            result.Figures["users"] = fleet.Users.Count;
            result.Figures["parallel_opens"] = options.Parallelism;
            result.Figures["tabs_showing_everyone"] = showing;
            result.Figures["seconds_until_last_tab_ready"] = lastReady.TotalSeconds;
            result.Figures["seconds_until_everyone_everywhere"] = everyone.TotalSeconds;
            result.Figures["seconds_after_last_ready"] = (everyone - lastReady).TotalSeconds;
            result.Figures["render_batches_per_tab"] = fleet.Opened == 0 ? 0 : (double)batches / fleet.Opened;
            if (cpuStart is double a && cpuEnd is double b)
            {
                result.Figures["server_cpu_s"] = b - a;
            }
        }
        result.AddCounters(counters);
        return result;
    }
}
