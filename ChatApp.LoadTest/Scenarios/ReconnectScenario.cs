using System.Diagnostics;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// Network blips: --rate times a second a tab's WebSocket drops (no disconnect beacon) and the tab resumes its
/// circuit on a new one. Measures the time to resume, and that every tab still shows everyone afterwards.
/// </summary>
public static class ReconnectScenario
{
    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("reconnect");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters));
        var resumeTime = new Latency();
        int reconnects = 0, refused = 0;

        await using (new Progress(fleet, server, () => $"reconnects {Volatile.Read(ref reconnects)} refused {Volatile.Read(ref refused)}"))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            var interval = TimeSpan.FromSeconds(1 / options.MessagesPerSecond);
            var clock = Stopwatch.StartNew();
            var open = fleet.OpenTabs.ToList();
            for (var k = 0; clock.Elapsed < options.Duration && open.Count > 0; k++)
            {
                var due = interval * k;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }
                var tab = open[k % open.Count];
                if (!tab.IsOpen)
                {
                    continue;
                }
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (await tab.ReconnectAsync(cancellationToken))
                    {
                        resumeTime.Record(started, Stopwatch.GetTimestamp());
                        Interlocked.Increment(ref reconnects);
                    }
                    else
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
                catch (Exception e) when (e is LoadTestException or HttpRequestException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref refused);
                    counters.Error($"tab {tab.Id} did not reconnect: {e.Message}");
                }
            }

            result.Figures["tabs"] = options.Tabs;
            result.Figures["reconnects"] = reconnects;
            result.Figures["reconnects_refused"] = refused;
            result.Figures["tabs_alive_at_end"] = fleet.OpenTabs.Count();
            result.Figures["tabs_showing_everyone"] = await Presence.WaitForEveryoneAsync(fleet, TimeSpan.FromSeconds(60), cancellationToken);
            result.Latencies["reconnect_to_resumed_circuit"] = resumeTime.Summary();
        }
        result.AddCounters(counters);
        return result;
    }
}
