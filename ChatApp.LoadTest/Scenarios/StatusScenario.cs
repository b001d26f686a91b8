using System.Diagnostics;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;
using ChatApp.LoadTest.Dom;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// Status changes: --rate times a second one of a few people (the changers) switches between busy and online in the
/// user menu. Measures, from the moment the change event goes out, the time until every other tab of the room shows
/// the new status on that person's online-list entry.
/// </summary>
/// <remarks>
/// The online list is virtualized and sorted by status, then name (online first, then busy, away, reconnecting), and a
/// tab draws only its top rows. A person who goes busy in a room of a hundred online people drops below every online
/// person, out of view: no tab could show it, so counting it as missing would measure the sort, not the app. So the
/// changers are the people whose names sort first, and everyone else (the watchers) picks busy before the clock starts:
/// a changer is then in the top rows whatever their status (online changers first, then busy changers ahead of the
/// busy watchers by name). A tab that still does not show the person at all counts as "not in view"; "missing" is a
/// tab that shows the person with the old status after the bound: a real failure.
/// </remarks>
public static class StatusScenario
{
    /// <summary>At most this many people change status (well under the rows a tab draws).</summary>
    public const int MaxChangers = 10;

    /// <summary>How long a tab may take to show a change before it counts as missing.</summary>
    public static readonly TimeSpan WatchBound = TimeSpan.FromSeconds(30);

    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("status");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters) with { Rooms = [options.Rooms[0]] });
        var shown = new Latency();
        var tally = new StatusTally();
        var phase = "registering";

        await using (new Progress(fleet, server, () => $"{phase} | {tally}"))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            phase = "opening";
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            result.Figures["tabs_showing_everyone"] = await Presence.WaitForEveryoneAsync(fleet, TimeSpan.FromSeconds(60), cancellationToken);

            phase = "watchers go busy";
            var (changers, watchers) = Cast(fleet);
            await Parallel.ForEachAsync(watchers, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
                async (tab, ct) => await tab.SetStatusAsync("busy", ct));
            var changerNames = changers.Select(t => t.User.DisplayName).ToList();
            var ready = await Task.WhenAll(fleet.OpenTabs.Select(tab => tab.TryWaitUntilAsync(
                d => changerNames.All(n => ShowsStatus(d, n, "online")), TimeSpan.FromSeconds(60), cancellationToken)));
            result.Figures["tabs_showing_every_changer"] = ready.Count(ok => ok);

            phase = "changing";
            var interval = TimeSpan.FromSeconds(1 / options.MessagesPerSecond);
            var busy = new HashSet<Tab>();
            var clock = Stopwatch.StartNew();
            var inFlight = new List<Task>();
            for (var k = 0; clock.Elapsed < options.Duration; k++)
            {
                var changer = changers[k % changers.Count];
                var status = busy.Add(changer) ? "busy" : "online";
                if (status == "online")
                {
                    busy.Remove(changer);
                }
                var due = interval * k;
                inFlight.Add(Task.Run(() => ChangeAsync(fleet, changer, status, clock, due, shown, tally, counters, cancellationToken), cancellationToken));
                if (interval * (k + 1) > clock.Elapsed)
                {
                    await Task.Delay(interval * (k + 1) - clock.Elapsed, cancellationToken);
                }
            }
            await Task.WhenAll(inFlight);

            result.Figures["tabs"] = options.Tabs;
            result.Figures["tabs_open"] = fleet.Opened;
            result.Figures["changers"] = changers.Count;
            result.Figures["watchers_busy"] = watchers.Count;
            tally.AddTo(result);
            result.Latencies["status_to_every_other_tab"] = shown.Summary();
        }
        result.AddCounters(counters);
        return result;
    }

    /// <summary>One tab of each of the first people by name changes status; one tab of everyone else watches (busy).</summary>
    public static (List<Tab> Changers, List<Tab> Watchers) Cast(TabFleet fleet)
    {
        var people = fleet.OpenTabs.GroupBy(t => t.User).Select(g => g.First())
            .OrderBy(t => t.User.DisplayName, StringComparer.InvariantCultureIgnoreCase).ToList();
        if (people.Count < 2)
        {
            throw new LoadTestException("The status scenario needs at least two people with an open tab (--users 2 or more).");
        }
        var count = Math.Min(MaxChangers, people.Count - 1);
        return (people.Take(count).ToList(), people.Skip(count).ToList());
    }

    private static async Task ChangeAsync(TabFleet fleet, Tab changer, string status, Stopwatch clock, TimeSpan due,
        Latency shown, StatusTally tally, LoadCounters counters, CancellationToken cancellationToken)
    {
        var name = changer.User.DisplayName;
        try
        {
            // Opening the menu is not the change: it happens before the clock, and the change goes out when due.
            await changer.OpenStatusMenuAsync(cancellationToken);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
            // Watch first, then change: the change may show before the dispatch returns.
            var watching = fleet.OpenTabs.Where(t => t.User != changer.User).Select(tab => Watch(tab, name, status, cancellationToken)).ToList();
            tally.Changed(watching.Count);
            var dispatched = await changer.PickStatusAsync(status, cancellationToken);
            foreach (var watch in watching)
            {
                var (at, failed) = await Outcome(watch.Seen);
                if (failed)
                {
                    tally.Missing();
                }
                else if (watch.Left || at is null && watch.NeverDrawn)
                {
                    tally.NotInView();
                }
                else if (at is long stamp && stamp >= dispatched)
                {
                    tally.Seen();
                    shown.Record(dispatched, stamp);
                }
                else
                {
                    // The tab draws the person but not with the new status within the bound, or it showed this status
                    // before the change went out (a whole change behind): a real failure either way.
                    tally.Missing();
                }
            }
        }
        catch (LoadTestException e)
        {
            counters.Error($"status change by {name} failed: {e.Message}");
        }
    }

    /// <summary>
    /// Waits until the tab shows the person with <paramref name="status"/>, or, if the tab drew the person when the watch
    /// began, until it no longer draws them (the change moved them below the rows it renders: the user sees them
    /// leave the top of the list, not the new status). A person not drawn at the start may come into view with it.
    /// </summary>
    private static StatusWatch Watch(Tab tab, string name, string status, CancellationToken cancellationToken)
    {
        var watch = new StatusWatch();
        bool? drawnAtStart = null;
        watch.Seen = tab.WhenAsync(d =>
        {
            if (ShowsStatus(d, name, status))
            {
                return true;
            }
            var drawn = d.ByTestId("online-user").Any(e => e["data-user"] == name);
            drawnAtStart ??= drawn;
            // Runs under the tab's lock, once per batch until it holds: the flag is set only by the batch that ends it.
            return watch.Left = drawnAtStart == true && !drawn;
        }, WatchBound, cancellationToken);
        // The first evaluation ran before WhenAsync returned.
        watch.NeverDrawn = drawnAtStart == false;
        return watch;
    }

    private sealed class StatusWatch
    {
        public Task<long?> Seen { get; set; } = Task.FromResult<long?>(null);

        /// <summary>The tab drew the person when the watch began and stopped drawing them: they moved out of view.</summary>
        public bool Left { get; set; }

        /// <summary>The tab did not draw the person when the watch began (it may still bring them into view).</summary>
        public bool NeverDrawn { get; set; }
    }

    /// <summary>When the tab showed the change (null: not within the bound), or that the tab failed meanwhile.</summary>
    private static async Task<(long? At, bool Failed)> Outcome(Task<long?> seen)
    {
        try
        {
            return (await seen, false);
        }
        catch (LoadTestException)
        {
            return (null, true);
        }
    }

    public static bool ShowsStatus(Document page, string name, string status) =>
        page.ByTestId("online-user").Any(e => e["data-user"] == name && e["data-status"] == status);
}
