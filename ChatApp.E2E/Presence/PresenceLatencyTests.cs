using System.Globalization;
using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Presence;

/// <summary>
/// How long from a newcomer's tab opening a room to someone already there seeing them in the online list.
/// Both browsers share the machine's clock: the newcomer stamps the moment it starts navigating, and a
/// MutationObserver in the watcher's page stamps the moment the newcomer's row appears.
/// Results go to the test output and to presence-latency.txt beside the test assembly (docs/performance.md).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PresenceLatencyTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const int Runs = 20;

    [Fact]
    public async Task TwentyNewcomersAllAppearInTheWatchersList()
    {
        var watcher = await App.NewPersonAsync();
        await watcher.RegisterAsync(Person.New("Watcher"));
        await watcher.OpenRoomAsync("lobby");
        await watcher.EvaluateAsync(@"() => {
            window.__seen = {};
            new MutationObserver(() => {
                for (const row of document.querySelectorAll('[data-testid=online-user]')) {
                    const name = row.getAttribute('data-user');
                    if (!(name in window.__seen)) window.__seen[name] = Date.now();
                }
            }).observe(document.body, { childList: true, subtree: true, attributes: true });
        }");

        var latencies = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var newcomer = Person.New("Newcomer");
            var page = await App.NewPersonAsync();
            await page.RegisterAsync(newcomer);
            var started = await page.EvaluateAsync<double>("() => Date.now()");
            await page.GotoAsync("/rooms/lobby");

            await Expect(watcher.OnlineUser(newcomer)).ToHaveCountAsync(1);
            var seen = await watcher.EvaluateAsync<double>("name => window.__seen[name]", newcomer.DisplayName);
            latencies.Add(seen - started);
            await page.Context.CloseAsync();
        }

        latencies.Sort();
        var median = (latencies[Runs / 2 - 1] + latencies[Runs / 2]) / 2;
        var report = string.Create(CultureInfo.InvariantCulture,
            $"presence latency over {Runs} runs: median {median:0} ms, worst {latencies[^1]:0} ms, best {latencies[0]:0} ms; all: {string.Join(", ", latencies.Select(l => l.ToString("0", CultureInfo.InvariantCulture)))}");
        Output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "presence-latency.txt"), report + Environment.NewLine);
        Assert.All(latencies, l => Assert.True(l > 0, "the newcomer was listed before its tab opened"));
    }
}
