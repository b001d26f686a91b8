using System.Diagnostics;
using ChatApp.FloodProbe;
using ChatApp.LoadTest.Cli;
using ChatApp.LoadTest.Scenarios;
using Microsoft.Playwright;

namespace ChatApp.TabProbe;

/// <summary>
/// The load generator's chat scenario with real Chromium tabs, to check the generator against: M people (a browser
/// context each) with N tabs in the rooms, the same senders (one tab per person first), the same open-loop rate, a
/// warm-up window not counted, then the measured window. Each page stamps, on its own clock
/// (<c>performance.timeOrigin + performance.now()</c>: the machine's clock, shared by every page), the Enter that sends
/// a message and the moment each message's text is added to its DOM; the latency is one minus the other. It also stamps
/// what the generator stamps (<see cref="FrameStamps"/>): the WebSocket frames that carry the text, out and in.
/// </summary>
public static class BrowserChat
{
    // Installed in every tab once it is ready. A token is "<run>#<seq>#" as the load generator writes it.
    private const string Stamps = """
        () => {
            window.__seen = {}; window.__sent = {};
            const token = /(\w+)#(\d+)#/g;
            const now = () => performance.timeOrigin + performance.now();
            const note = (element, at) => {
                for (const m of element.textContent.matchAll(token)) {
                    const key = m[1] + '#' + m[2];
                    if (!(key in window.__seen)) { window.__seen[key] = at; }
                }
            };
            new MutationObserver(records => {
                const at = now();
                for (const record of records) {
                    const nodes = record.type === 'characterData' ? [record.target] : record.addedNodes;
                    for (const node of nodes) {
                        const element = node.nodeType === 1 ? node : node.parentElement;
                        if (!element) { continue; }
                        const host = element.closest('[data-testid=message-text]');
                        if (host) { note(host, at); }
                        if (node.nodeType === 1) { element.querySelectorAll('[data-testid=message-text]').forEach(e => note(e, at)); }
                    }
                }
            }).observe(document.body, { childList: true, subtree: true, characterData: true });
            // Capture phase: before the composer's own Enter handler sends.
            document.addEventListener('keydown', e => {
                if (e.key === 'Enter' && !e.shiftKey && e.target.matches?.('[data-testid=message-input]')) {
                    for (const m of e.target.value.matchAll(token)) { window.__sent[m[1] + '#' + m[2]] = now(); }
                }
            }, true);
        }
        """;

    private sealed record BrowserTab(int Id, int Person, string Room, IPage Page)
    {
        public SemaphoreSlim Typing { get; } = new(1, 1);
    }

    public static async Task<RunResult> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var result = new RunResult("chat (Chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHATAPP_CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var baseUrl = options.Url.ToString().TrimEnd('/');
        var prefix = options.Prefix ?? $"bc{Random.Shared.Next(100_000, 999_999)}";
        var clock = Stopwatch.StartNew();
        void Say(string what) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0}s] {what}");

        // People: registered through the real form, a context (cookie jar) each; the landing page is closed.
        var people = new IBrowserContext[options.EffectiveUsers];
        await Parallel.ForEachAsync(Enumerable.Range(0, people.Length), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var page = await Registration.RegisterAsync(browser, baseUrl, $"{prefix}u{i}@example.test", $"{prefix}u{i}", 120_000);
                people[i] = page.Context;
                await page.CloseAsync(new() { RunBeforeUnload = true });
            });
        Say($"{people.Length} people registered");

        var tabs = new BrowserTab[options.Tabs];
        var opened = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, tabs.Length), new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var room = options.Rooms[i % options.Rooms.Count];
                var page = await people[i % people.Length].NewPageAsync();
                await FrameStamps.InstallAsync(page);
                await page.GotoAsync($"/rooms/{room}");
                // Ready as the E2E suite means it: the room is shown and its message box is wired for Enter.
                await page.Locator("textarea[data-testid=message-input][data-enter-to-send=true]").WaitForAsync();
                await page.EvaluateAsync(Stamps);
                tabs[i] = new BrowserTab(i, i % people.Length, room, page);
                if (Interlocked.Increment(ref opened) % 10 == 0)
                {
                    Say($"tabs {opened}/{tabs.Length}");
                }
            });
        var peoplePerRoom = tabs.GroupBy(t => t.Room).ToDictionary(g => g.Key, g => g.Select(t => t.Person).Distinct().Count());
        var showing = await Task.WhenAll(tabs.Select(async t =>
        {
            try
            {
                await t.Page.WaitForFunctionAsync("n => Number(document.querySelector('[data-testid=online-count]')?.textContent.trim()) >= n",
                    peoplePerRoom[t.Room], new() { Timeout = 60_000, PollingInterval = 250 });
                return true;
            }
            catch (PlaywrightException)
            {
                return false;
            }
        }));
        result.Figures["tabs_showing_everyone"] = showing.Count(ok => ok);

        // The generator's choice of senders: one tab per person first.
        var senders = tabs.GroupBy(t => t.Person).SelectMany(g => g.Select((tab, i) => (tab, i))).OrderBy(x => x.i)
            .Select(x => x.tab).Take(Math.Max(1, (int)Math.Ceiling(tabs.Length * options.SenderFraction))).ToList();
        if (options.Warmup > TimeSpan.Zero)
        {
            Say("warm-up");
            await SendWindowAsync(senders, prefix + "w", options.MessagesPerSecond, options.Warmup, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
        Say("measured window");
        var lagFrom = await Task.WhenAll(tabs.Select(t => FrameStamps.LagSamplesAsync(t.Page)));
        var run = prefix + "m";
        var (sent, failures) = await SendWindowAsync(senders, run, options.MessagesPerSecond, options.Duration, cancellationToken);

        // Deliveries expected: each message in every other tab of its sender's room.
        var receivers = tabs.GroupBy(t => t.Room).ToDictionary(g => g.Key, g => g.Count() - 1);
        var sentTimes = new Dictionary<string, (double At, BrowserTab Sender)>();
        foreach (var tab in senders)
        {
            foreach (var (token, at) in await tab.Page.EvaluateAsync<Dictionary<string, double>>("() => window.__sent"))
            {
                if (token.StartsWith(run + "#", StringComparison.Ordinal))
                {
                    sentTimes[token] = (at, tab);
                }
            }
        }
        long expected = sentTimes.Values.Sum(s => (long)receivers[s.Sender.Room]);
        var fanOut = new Latency();
        // Drained when every tab has every message of its room (each sender's own tab shows its messages too).
        var drain = Stopwatch.StartNew();
        long shown;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            shown = 0;
            foreach (var tab in tabs)
            {
                shown += await tab.Page.EvaluateAsync<int>("run => Object.keys(window.__seen).filter(k => k.startsWith(run + '#')).length", run);
            }
        } while (shown < expected + sentTimes.Count && drain.Elapsed < TimeSpan.FromSeconds(20));

        long seen = 0;
        foreach (var tab in tabs)
        {
            foreach (var (token, at) in await tab.Page.EvaluateAsync<Dictionary<string, double>>("() => window.__seen"))
            {
                if (sentTimes.TryGetValue(token, out var s) && s.Sender != tab && s.Sender.Room == tab.Room)
                {
                    fanOut.RecordMilliseconds(at - s.At);
                    seen++;
                }
            }
        }
        result.Figures["tabs"] = options.Tabs;
        result.Figures["tabs_open"] = opened;
        result.Figures["users"] = people.Length;
        result.Figures["senders"] = senders.Count;
        result.Figures["messages_sent"] = sent;
        result.Figures["send_failures"] = failures;
        result.Figures["messages_stamped"] = sentTimes.Count;
        result.Figures["deliveries_expected"] = expected;
        result.Figures["deliveries_seen"] = seen;
        result.Figures["deliveries_missing"] = expected - seen;
        result.Latencies["message_to_every_other_tab"] = fanOut.Summary();
        // The generator's moments, taken in the page: frame out to frame in; then what the page adds after arrival.
        var (frames, framesSeen) = await FrameStamps.FramesAsync(tabs.Select(t => (t.Page, t.Room)).ToList(), run);
        result.Figures["frame_deliveries_seen"] = framesSeen;
        result.Latencies["frame_to_every_other_tab"] = frames.Summary();
        result.Latencies["frame_arrival_to_row"] = (await FrameStamps.FrameToRowAsync(tabs.Select(t => t.Page), run)).Summary();
        result.Latencies["page_event_loop_lag"] = (await FrameStamps.LagAsync(tabs.Select((t, i) => (t.Page, lagFrom[i])))).Summary();
        return result;
    }

    /// <summary>Open loop, as the generator: the k-th send is due at k × interval; a sender's sends queue behind each other.</summary>
    private static async Task<(int Sent, int Failures)> SendWindowAsync(List<BrowserTab> senders, string run, double perSecond, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        int sent = 0, failures = 0;
        for (var seq = 0; clock.Elapsed < duration; seq++)
        {
            var due = interval * seq;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
            var sender = senders[seq % senders.Count];
            var text = $"{run}#{seq}# hello from {sender.Person}";
            sent++;
            inFlight.Add(Task.Run(async () =>
            {
                await sender.Typing.WaitAsync(cancellationToken);
                try
                {
                    // The text is put in the box without input events (the generator does not type either: no draft
                    // reports, no typing indicator), then a real Enter, which the composer turns into change + click.
                    // A person waits for the box to empty after the previous send: the server's render clearing it
                    // would otherwise land on the new text.
                    var box = sender.Page.Locator("textarea[data-testid=message-input]");
                    await sender.Page.WaitForFunctionAsync("() => document.querySelector('textarea[data-testid=message-input]').value === ''",
                        null, new() { Timeout = 60_000, PollingInterval = 20 });
                    await box.EvaluateAsync("(box, text) => { box.value = text; }", text);
                    await box.PressAsync("Enter");
                }
                catch (PlaywrightException e)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"send failed: {e.Message}");
                }
                finally
                {
                    sender.Typing.Release();
                }
            }, cancellationToken));
        }
        await Task.WhenAll(inFlight);
        return (sent, failures);
    }
}
