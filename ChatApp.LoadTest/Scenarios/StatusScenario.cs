using System.Diagnostics;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;
using ChatApp.LoadTest.Dom;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// Status changes: --rate times a second one person switches between busy and online in the user menu. Measures the
/// time until every other tab of the room shows the new status on that person's online-list entry. Only people the
/// (virtualized) list renders can be watched, so the changers are people every tab has on screen at the start.
/// </summary>
public static class StatusScenario
{
    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("status");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters) with { Rooms = [options.Rooms[0]] });
        var shown = new Latency();
        int changes = 0, missing = 0;

        await using (new Progress(fleet, server, () => $"changes {Volatile.Read(ref changes)} missing {Volatile.Read(ref missing)}"))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            result.Figures["tabs_showing_everyone"] = await Presence.WaitForEveryoneAsync(fleet, TimeSpan.FromSeconds(60), cancellationToken);
            var open = fleet.OpenTabs.ToList();
            var visible = open.Select(t => t.Read(d => d.ByTestId("online-user").Select(e => e["data-user"]).ToHashSet()))
                .Aggregate((a, b) => { a.IntersectWith(b); return a; });
            var changers = open.Where(t => visible.Contains(t.User.DisplayName)).GroupBy(t => t.User).Select(g => g.First()).Take(10).ToList();
            if (changers.Count == 0)
            {
                throw new LoadTestException("No person of the run is on screen in every tab's online list.");
            }

            var interval = TimeSpan.FromSeconds(1 / options.MessagesPerSecond);
            var busy = new HashSet<Tab>();
            var clock = Stopwatch.StartNew();
            var inFlight = new List<Task>();
            for (var k = 0; clock.Elapsed < options.Duration; k++)
            {
                var due = interval * k;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }
                var changer = changers[k % changers.Count];
                var status = busy.Add(changer) ? "busy" : "online";
                if (status == "online")
                {
                    busy.Remove(changer);
                }
                var name = changer.User.DisplayName;
                var started = Stopwatch.GetTimestamp();
                // Watch first, then change: the change may show before the send returns.
                var watchers = fleet.OpenTabs.Where(t => t.User != changer.User).Select(async tab =>
                {
                    var at = await tab.WhenAsync(d => ShowsStatus(d, name, status), TimeSpan.FromSeconds(30), cancellationToken);
                    if (at is long stamp)
                    {
                        shown.Record(started, stamp);
                    }
                    else
                    {
                        Interlocked.Increment(ref missing);
                    }
                }).ToList();
                Interlocked.Increment(ref changes);
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await changer.SetStatusAsync(status, cancellationToken);
                    }
                    catch (LoadTestException e)
                    {
                        counters.Error($"status change by {name} failed: {e.Message}");
                    }
                    await Task.WhenAll(watchers);
                }, cancellationToken));
            }
            await Task.WhenAll(inFlight);

            result.Figures["tabs"] = options.Tabs;
            result.Figures["tabs_open"] = fleet.Opened;
            result.Figures["status_changes"] = changes;
            result.Figures["sightings_missing"] = missing;
            result.Latencies["status_to_every_other_tab"] = shown.Summary();
        }
        result.AddCounters(counters);
        return result;
    }

    private static bool ShowsStatus(Document page, string name, string status) =>
        page.ByTestId("online-user").Any(e => e["data-user"] == name && e["data-status"] == status);
}
