using System.Collections.Concurrent;
using System.Diagnostics;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// N tabs in rooms; a fraction of them send at a steady open-loop rate. Measures the time from a send until the
/// message shows in every other tab of the room (the batch's arrival), and until the sender's click completes.
/// </summary>
public static class ChatScenario
{
    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("chat");
        var counters = new LoadCounters();
        var server = options.ServerPid is int pid ? new ServerProcess(pid) : null;
        await using var fleet = new TabFleet(options.Url, options.Fleet(counters));
        var tracker = new MessageTracker(fleet);
        var sendAck = new Latency();
        var sent = 0;
        var sendFailures = 0;

        await using (new Progress(fleet, server, () => $"sent {Volatile.Read(ref sent)} seen {tracker.Seen}/{tracker.Expected}"))
        {
            await fleet.RegisterUsersAsync(cancellationToken);
            await fleet.OpenTabsAsync(options.Tabs, cancellationToken);
            result.Figures["tabs_showing_everyone"] = await Presence.WaitForEveryoneAsync(fleet, TimeSpan.FromSeconds(60), cancellationToken);
            foreach (var tab in fleet.Tabs)
            {
                tab.TextShown = tracker.OnText;
            }

            // Senders: one tab per person first, so the app's per-person send limit spreads over as many people as possible.
            var open = fleet.OpenTabs.ToList();
            var senders = open.GroupBy(t => t.User).SelectMany(g => g.Select((tab, i) => (tab, i))).OrderBy(x => x.i)
                .Select(x => x.tab).Take(Math.Max(1, (int)Math.Ceiling(open.Count * options.SenderFraction))).ToList();
            var perPerson = options.MessagesPerSecond / senders.Select(t => t.User).Distinct().Count();
            if (perPerson > 1)
            {
                Console.Error.WriteLine($"warning: {perPerson:0.0} messages/s per person is over the app's default send limit (10 per 10 s); raise Chat__SendLimitCount or add senders.");
            }

            var cpuStart = server?.CpuSeconds();
            var interval = TimeSpan.FromSeconds(1 / options.MessagesPerSecond);
            var clock = Stopwatch.StartNew();
            var inFlight = new List<Task>();
            for (var seq = 0; clock.Elapsed < options.Duration; seq++)
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
                Interlocked.Increment(ref sent);
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await sender.SendMessageAsync($"{tracker.Token(n)} hello from {sender.User.DisplayName}", cancellationToken);
                        sendAck.Record(started, Stopwatch.GetTimestamp());
                    }
                    catch (LoadTestException e)
                    {
                        Interlocked.Increment(ref sendFailures);
                        tracker.Cancel(n);
                        counters.Error($"send {n} failed: {e.Message}");
                    }
                }, cancellationToken));
            }
            await Task.WhenAll(inFlight);
            // Stragglers: wait (bounded) for the last messages to reach everyone before counting what is missing.
            var drain = Stopwatch.StartNew();
            while (tracker.Seen < tracker.Expected && drain.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(200, cancellationToken);
            }
            var cpuEnd = server?.CpuSeconds();

            result.Figures["tabs"] = options.Tabs;
            result.Figures["tabs_open"] = fleet.Opened;
            result.Figures["tabs_failed"] = fleet.Failed;
            result.Figures["sender_tabs"] = senders.Count;
            result.Figures["messages_sent"] = sent;
            result.Figures["send_failures"] = sendFailures;
            result.Figures["deliveries_expected"] = tracker.Expected;
            result.Figures["deliveries_seen"] = tracker.Seen;
            result.Figures["deliveries_missing"] = tracker.Expected - tracker.Seen;
            if (cpuStart is double a && cpuEnd is double b && tracker.Seen > 0)
            {
                result.Figures["server_cpu_s"] = b - a;
                result.Figures["server_cpu_ms_per_delivery"] = (b - a) * 1000 / tracker.Seen;
            }
            result.Latencies["message_to_every_other_tab"] = tracker.FanOut.Summary();
            result.Latencies["send_click_completed"] = sendAck.Summary();
        }
        result.AddCounters(counters);
        return result;
    }
}

/// <summary>Which tab has seen which message: a token in each text, stamped with the batch arrival time.</summary>
public sealed partial class MessageTracker(TabFleet fleet)
{
    private sealed class Sent(long at, Tab sender, string room, int tabCapacity)
    {
        public long At { get; } = at;
        public Tab Sender { get; } = sender;
        public string Room { get; } = room;
        public int[] SeenBy { get; } = new int[tabCapacity];
    }

    private readonly ConcurrentDictionary<int, Sent> messages = new();
    private long expected, seen;

    public Latency FanOut { get; } = new();
    public long Expected => Interlocked.Read(ref expected);
    public long Seen => Interlocked.Read(ref seen);

    /// <summary>Unique per run: the room keeps earlier runs' messages, and re-rendering them must not count.</summary>
    private readonly string run = fleet.Options.Prefix;

    public string Token(int seq) => $"{run}#{seq}#";

    /// <summary>Registers a send before it goes out (a fast echo must find it) and returns its timestamp.</summary>
    public long Sending(int seq, Tab sender)
    {
        var room = fleet.RoomOf(sender);
        var receivers = fleet.OpenTabs.Count(t => t != sender && fleet.RoomOf(t) == room);
        var at = Stopwatch.GetTimestamp();
        messages[seq] = new Sent(at, sender, room, fleet.Tabs.Count);
        Interlocked.Add(ref expected, receivers);
        return at;
    }

    public void Cancel(int seq)
    {
        if (messages.TryRemove(seq, out var gone))
        {
            Interlocked.Add(ref expected, -fleet.OpenTabs.Count(t => t != gone.Sender && fleet.RoomOf(t) == gone.Room));
        }
    }

    /// <summary>Runs under the receiving tab's lock with its batch's arrival time.</summary>
    public void OnText(Tab tab, string text, long receivedAt)
    {
        foreach (System.Text.RegularExpressions.Match match in TokenPattern().Matches(text))
        {
            if (!match.Groups[1].ValueSpan.SequenceEqual(run))
            {
                continue;
            }
            if (messages.TryGetValue(int.Parse(match.Groups[2].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture), out var message)
                && tab != message.Sender && tab.Id < message.SeenBy.Length
                && Interlocked.Exchange(ref message.SeenBy[tab.Id], 1) == 0)
            {
                FanOut.Record(message.At, receivedAt);
                Interlocked.Increment(ref seen);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\w+)#(\d+)#")]
    private static partial System.Text.RegularExpressions.Regex TokenPattern();
}
