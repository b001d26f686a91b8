using System.Diagnostics;
using System.Globalization;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// A join storm: all tabs open into one room as fast as --parallel allows. Measures how long until every tab shows
/// everyone, counted from the last tab being ready, and the render batches and bytes the storm cost, per tab and in
/// total. With --series 250,500,1000 it storms each size in turn (fresh people, the previous storm's tabs closed) and
/// prints batches against tabs: batches per tab that stay flat as tabs grow mean the total grows linearly.
/// </summary>
public static class StormScenario
{
    private sealed record Storm(int Tabs, int Opened, int Showing, long Batches, long Bytes, double LastReadySeconds,
        double EveryoneSeconds, double? ServerCpuSeconds);

    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("storm");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        var sizes = options.Series.Count > 0 ? options.Series : [options.Tabs];
        var storms = new List<Storm>();
        foreach (var size in sizes)
        {
            if (storms.Count > 0)
            {
                // The previous storm's people leave the room: let their leaves reach the server before the next storm.
                await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
            }
            var sized = options with { Tabs = size, Prefix = options.Prefix is null ? null : $"{options.Prefix}s{size}" };
            var storm = await StormAsync(sized, server, counters, cancellationToken);
            storms.Add(storm);
            // Each storm's line as soon as it is done: a series takes long, and a later one may not finish.
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"storm of {storm.Tabs}: {storm.Opened} open, {storm.Showing} showing everyone, {storm.Batches} batches ({PerTab(storm.Batches, storm.Opened):0.0} per tab), {storm.Bytes / 1048576.0:0.0} MB, {storm.EveryoneSeconds - storm.LastReadySeconds:0.0} s after the last was ready"));
        }

        var last = storms[^1];
        result.Figures["tabs"] = last.Tabs;
        result.Figures["tabs_open"] = last.Opened;
        result.Figures["tabs_showing_everyone"] = last.Showing;
        result.Figures["parallel_opens"] = options.Parallelism;
        result.Figures["seconds_until_last_tab_ready"] = last.LastReadySeconds;
        result.Figures["seconds_after_last_ready"] = last.EveryoneSeconds - last.LastReadySeconds;
        result.Figures["storm_render_batches"] = last.Batches;
        result.Figures["storm_render_batches_per_tab"] = PerTab(last.Batches, last.Opened);
        result.Figures["storm_render_batch_bytes"] = last.Bytes;
        result.Figures["storm_render_batch_kb_per_tab"] = PerTab(last.Bytes, last.Opened) / 1024;
        if (last.ServerCpuSeconds is double cpu)
        {
            result.Figures["server_cpu_s"] = cpu;
        }
        result.Lines.Add($"{"tabs",6} {"open",6} {"showing",8} {"batches",9} {"per tab",8} {"per tab/s",10} {"MB",8} {"KB/tab",7} {"ready s",8} {"after s",8} {"cpu s",7}");
        foreach (var s in storms)
        {
            result.Lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{s.Tabs,6} {s.Opened,6} {s.Showing,8} {s.Batches,9} {PerTab(s.Batches, s.Opened),8:0.0} {PerTab(s.Batches, s.Opened) / s.EveryoneSeconds,10:0.00} {s.Bytes / 1048576.0,8:0.0} {PerTab(s.Bytes, s.Opened) / 1024,7:0} {s.LastReadySeconds,8:0.0} {s.EveryoneSeconds - s.LastReadySeconds,8:0.0} {s.ServerCpuSeconds,7:0.0}"));
        }
        if (storms.Count > 1)
        {
            var (first, final) = (storms[0], storms[^1]);
            result.Figures["series_tabs_ratio"] = (double)final.Opened / Math.Max(1, first.Opened);
            result.Figures["series_batches_ratio"] = (double)final.Batches / Math.Max(1, first.Batches);
        }
        result.AddCounters(counters);
        return result;
    }

    private static async Task<Storm> StormAsync(RunOptions options, ServerProcess? server, LoadCounters counters, CancellationToken cancellationToken)
    {
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters) with { Rooms = [options.Rooms[0]] });
        await using (new Progress(fleet, server, () => $"storm of {options.Tabs}"))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            var (batches, bytes) = (counters.Batches, counters.BatchBytes);
            var cpuStart = server?.CpuSeconds();
            var clock = Stopwatch.StartNew();
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            var lastReady = clock.Elapsed;
            var showing = await Presence.WaitForEveryoneAsync(fleet, options.Duration, cancellationToken);
            var everyone = clock.Elapsed;
            var cpuEnd = server?.CpuSeconds();
            return new Storm(options.Tabs, fleet.Opened, showing, counters.Batches - batches, counters.BatchBytes - bytes,
                lastReady.TotalSeconds, everyone.TotalSeconds, cpuEnd - cpuStart);
        }
    }

    private static double PerTab(long total, int tabs) => tabs == 0 ? 0 : (double)total / tabs;
}
