using System.Diagnostics;
using Microsoft.Playwright;

namespace ChatApp.FloodProbe;

public sealed record PhaseResult(string Name, double P50, double P99, double Max, double ServerCpuPercent, long StarClicks, double Seconds);

/// <summary>
/// Three people in one Chromium: Sam sends, Rita watches the lobby (the round trip is Sam's Enter to the message
/// appearing in Rita's page, both stamped with the browser's Date.now()), and Fiona floods Sam's star on /people.
/// </summary>
public sealed class Probe : IAsyncDisposable
{
    // Stamps the moment Enter goes down in the message box, before Blazor sees it.
    private const string StampSends = """
        () => document.addEventListener('keydown', e => {
            if (e.key === 'Enter' && e.target.matches('textarea[data-testid=message-input]')) { window.__sentAt = Date.now(); }
        }, true)
        """;

    // Stamps the moment each probe message is added to the page.
    private const string StampArrivals = """
        () => {
            window.__seen = {};
            new MutationObserver(records => {
                const now = Date.now();
                for (const record of records) {
                    for (const node of record.addedNodes) {
                        if (node.nodeType !== 1) { continue; }
                        const texts = node.matches('[data-testid=message-text]') ? [node] : node.querySelectorAll('[data-testid=message-text]');
                        for (const text of texts) {
                            const token = text.textContent.trim();
                            if (token.startsWith('rt-') && !(token in window.__seen)) { window.__seen[token] = now; }
                        }
                    }
                }
            }).observe(document.body, { childList: true, subtree: true });
        }
        """;

    // Clicks the star as fast as page script can: ten clicks every timer tick (the browser clamps ticks to ~4 ms).
    private const string StartFlood = """
        name => {
            window.__clicks = 0;
            window.__flood = setInterval(() => {
                for (let i = 0; i < 10; i++) {
                    const star = document.querySelector(`[data-testid=watch-toggle][data-user="${name}"]`);
                    if (star) { star.click(); window.__clicks++; }
                }
            }, 0);
        }
        """;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IPage sender;
    private readonly IPage receiver;
    private readonly IPage flooder;
    private readonly string senderName;

    private Probe(IPlaywright playwright, IBrowser browser, IPage sender, IPage receiver, IPage flooder, string senderName)
    {
        (this.playwright, this.browser, this.sender, this.receiver, this.flooder, this.senderName) =
            (playwright, browser, sender, receiver, flooder, senderName);
    }

    public static async Task<Probe> StartAsync(string baseUrl)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHATAPP_CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var suffix = Random.Shared.Next(1000, 9999);
        Task<IPage> Person(string name) =>
            Registration.RegisterAsync(browser, baseUrl, $"{name.ToLowerInvariant()}{suffix}@example.test", $"{name}{suffix}", 60_000);
        var sender = await Person("Sam");
        var receiver = await Person("Rita");
        var flooder = await Person("Fiona");
        foreach (var page in new[] { sender, receiver })
        {
            await page.GotoAsync("/rooms/lobby");
            await page.Locator("textarea[data-testid=message-input][data-enter-to-send=true]").WaitForAsync();
        }
        await sender.EvaluateAsync(StampSends);
        await receiver.EvaluateAsync(StampArrivals);
        await flooder.GotoAsync("/people");
        await flooder.Locator($"[data-testid=watch-toggle][data-user=\"Sam{suffix}\"]").WaitForAsync();
        return new Probe(playwright, browser, sender, receiver, flooder, $"Sam{suffix}");
    }

    public async Task<PhaseResult> MeasureAsync(AppServer server, int messages, bool flood)
    {
        var name = flood ? "star flood" : "quiet";
        if (flood)
        {
            await flooder.EvaluateAsync(StartFlood, senderName);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        else
        {
            // Warm-up: the first messages pay for JIT and first renders.
            for (var i = 0; i < 5; i++)
            {
                await RoundTripAsync($"rt-warm-{i}");
            }
        }
        var cpuBefore = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        var trips = new List<double>();
        for (var i = 0; i < messages; i++)
        {
            trips.Add(await RoundTripAsync($"rt-{(flood ? "flood" : "quiet")}-{i}"));
            await Task.Delay(50);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (server.CpuSeconds() - cpuBefore) / seconds * 100;
        long clicks = 0;
        if (flood)
        {
            clicks = await flooder.EvaluateAsync<long>("() => { clearInterval(window.__flood); return window.__clicks; }");
        }
        trips.Sort();
        Console.WriteLine($"{name}: {string.Join(", ", trips.Select(t => t.ToString("0")))}");
        return new PhaseResult(name, Percentile(trips, 0.50), Percentile(trips, 0.99), trips[^1], cpu, clicks, seconds);
    }

    private async Task<double> RoundTripAsync(string token)
    {
        var input = sender.Locator("textarea[data-testid=message-input]");
        await input.FillAsync(token);
        await input.PressAsync("Enter");
        await receiver.WaitForFunctionAsync("token => window.__seen[token] !== undefined", token, new() { PollingInterval = 5 });
        var sentAt = await sender.EvaluateAsync<double>("() => window.__sentAt");
        var seenAt = await receiver.EvaluateAsync<double>("token => window.__seen[token]", token);
        return seenAt - sentAt;
    }

    /// <summary>Nearest rank: with 50 samples the 99th percentile is the largest.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
