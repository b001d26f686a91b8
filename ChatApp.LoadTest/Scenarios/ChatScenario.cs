using System.Diagnostics;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// N tabs in rooms; a fraction of them send at a steady open-loop rate. Measures the time from a send until the
/// message shows in every other tab of the room (the batch's arrival), and until the sender's click completes.
/// With --server-pid, also the server's CPU per delivery: a warm-up send window first (not counted: a cold server
/// spends it on JIT and first renders), then an idle window of the same length (tabs open, nobody sending), then the
/// measured window, whose CPU above the idle rate is divided by the deliveries (messages × other tabs of the room).
/// </summary>
public static class ChatScenario
{
    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("chat");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters));
        var prefix = fleet.Options.Prefix;
        var warmup = new MessageTracker(fleet, prefix + "w");
        var tracker = new MessageTracker(fleet, prefix + "m");
        var current = warmup;
        var sendAck = new Latency();
        var phase = "opening";

        await using (new Progress(fleet, server, () => $"{phase}: sent {tracker.Sent + warmup.Sent} seen {current.Seen}/{current.Expected}"))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            result.Figures["tabs_showing_everyone"] = await Presence.WaitForEveryoneAsync(fleet, TimeSpan.FromSeconds(60), cancellationToken);
            foreach (var tab in fleet.Tabs)
            {
                tab.TextShown = (t, text, at) => Volatile.Read(ref current).OnText(t, text, at);
            }
            var senders = Senders(fleet, options);

            if (options.Warmup > TimeSpan.Zero)
            {
                phase = "warm-up";
                await SendWindowAsync(senders, warmup, null, counters, options.MessagesPerSecond, options.Warmup, cancellationToken);
            }
            CpuWindow? idle = null;
            if (server is not null)
            {
                // The warm-up's tail (tier-1 JIT in the background, circuits' buffers trimmed) would otherwise count as idle.
                phase = "settling";
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                phase = "idle";
                idle = await server.MeasureAsync(() => Task.Delay(options.Duration, cancellationToken));
            }
            phase = "measured";
            Volatile.Write(ref current, tracker);
            var sending = await MeasureAsync(server,
                () => SendWindowAsync(senders, tracker, sendAck, counters, options.MessagesPerSecond, options.Duration, cancellationToken));

            result.Figures["tabs"] = options.Tabs;
            result.Figures["tabs_open"] = fleet.Opened;
            result.Figures["senders"] = senders.Count;
            result.Figures["warmup_messages"] = warmup.Sent;
            result.Figures["messages_sent"] = tracker.Sent;
            result.Figures["send_failures"] = tracker.Failed;
            result.Figures["send_refused"] = tracker.Refused;
            result.Lines.AddRange(tracker.RefusalReasons.Select(reason => $"send refused by the app: {reason}"));
            result.Figures["deliveries_expected"] = tracker.Expected;
            result.Figures["deliveries_seen"] = tracker.Seen;
            result.Figures["deliveries_missing"] = tracker.Expected - tracker.Seen;
            if (idle is CpuWindow i && sending is CpuWindow s)
            {
                var cost = new DeliveryCost(i, s, tracker.Seen);
                result.Figures["server_idle_cpu_ms_per_s"] = i.MsPerSecond;
                result.Figures["server_send_window_cpu_ms_per_s"] = s.MsPerSecond;
                result.Figures["server_cpu_s"] = s.CpuSeconds;
                result.Figures["server_cpu_above_idle_s"] = cost.NetCpuSeconds;
                result.Figures["server_cpu_ms_per_delivery"] = cost.NetMsPerDelivery;
                result.Figures["server_cpu_ms_per_delivery_with_idle"] = cost.GrossMsPerDelivery;
            }
            result.Latencies["message_to_every_other_tab"] = tracker.FanOut.Summary();
            result.Latencies["send_click_completed"] = sendAck.Summary();
        }
        result.AddCounters(counters);
        return result;
    }

    private static async Task<CpuWindow?> MeasureAsync(ServerProcess? server, Func<Task> body)
    {
        if (server is null)
        {
            await body();
            return null;
        }
        return await server.MeasureAsync(body);
    }

    /// <summary>Senders: one tab per person first, so the app's per-person send limit spreads over as many people as possible.</summary>
    private static List<Tab> Senders(TabFleet fleet, RunOptions options)
    {
        var open = fleet.OpenTabs.ToList();
        var senders = open.GroupBy(t => t.User).SelectMany(g => g.Select((tab, i) => (tab, i))).OrderBy(x => x.i)
            .Select(x => x.tab).Take(Math.Max(1, (int)Math.Ceiling(open.Count * options.SenderFraction))).ToList();
        var perPerson = options.MessagesPerSecond / senders.Select(t => t.User).Distinct().Count();
        if (perPerson > 1)
        {
            Console.Error.WriteLine($"warning: {perPerson:0.0} messages/s per person is over the app's default send limit (10 per 10 s); raise Chat__SendLimitCount or add senders.");
        }
        return senders;
    }

    /// <summary>Sends open-loop for <paramref name="duration"/>, then waits (bounded) for the last messages to reach everyone.</summary>
    private static async Task SendWindowAsync(List<Tab> senders, MessageTracker tracker, Latency? sendAck, LoadCounters counters,
        double perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        for (var seq = 0; clock.Elapsed < duration; seq++)
        {
            // Open loop: the k-th send is due at k × interval whatever happened to earlier ones.
            var due = interval * seq;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
            var n = seq; // the task below must not see the loop's later values
            var sender = senders[n % senders.Count];
            if (!sender.IsOpen)
            {
                continue;
            }
            var started = tracker.Sending(n, sender);
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    var refusal = await sender.SendMessageAsync($"{tracker.Token(n)} hello from {sender.User.DisplayName}", cancellationToken);
                    if (refusal is null)
                    {
                        sendAck?.Record(started, Stopwatch.GetTimestamp());
                    }
                    else
                    {
                        // The app said no (the tab shows why): a message that was never stored is not missing anywhere.
                        tracker.Refuse(n, refusal);
                    }
                }
                catch (LoadTestException e)
                {
                    tracker.Cancel(n);
                    counters.Error($"send {n} failed: {e.Message}");
                }
            }, cancellationToken));
        }
        await Task.WhenAll(inFlight);
        var drain = Stopwatch.StartNew();
        while (tracker.Seen < tracker.Expected && drain.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, cancellationToken);
        }
    }
}
