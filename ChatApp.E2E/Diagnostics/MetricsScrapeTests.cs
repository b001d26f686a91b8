using System.Text.RegularExpressions;
using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Diagnostics;

/// <summary>
/// An operator's scraper beside the app (on the machine itself) reads what real tabs do: a message sent in a browser
/// and the circuits open show in the Prometheus text at /metrics (on with <c>Metrics:Prometheus</c>).
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class MetricsScrapeTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private KestrelAppFactory factory = default!;
    private string baseUrl = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new KestrelAppFactory(settings: new Dictionary<string, string> { ["Metrics:Prometheus"] = "true" });
        baseUrl = factory.Start();
        Run.WatchServer(factory.Log, "metrics-app");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task AMessageSentInABrowserAndItsTabShowInTheScrape()
    {
        var page = await (await App.NewContextAsync(new() { BaseURL = baseUrl })).NewPageAsync();
        await page.RegisterAsync(Person.New("Metty"));
        await page.OpenRoomAsync("lobby");
        var text = $"measured {Guid.NewGuid():N}";

        await page.MessageInput().FillAsync(text);
        await page.MessageInput().PressAsync("Enter");
        await Expect(page.Messages().Filter(new() { HasText = text })).ToHaveCountAsync(1);

        // 127.0.0.1, not "localhost": the scraper is on the machine, as the access rule wants.
        using var scraper = new HttpClient { BaseAddress = new Uri(baseUrl.Replace("localhost", "127.0.0.1")) };
        var scrape = await scraper.GetStringAsync("/metrics");
        Assert.True(Value(scrape, "chatapp_messages_sent_total") >= 1, scrape);
        Assert.True(Value(scrape, "aspnetcore_components_circuit_active") >= 1, scrape);
        Assert.True(Value(scrape, "chatapp_presence_tabs") >= 1, scrape);
    }

    /// <summary>The sum of a metric's series (one per tag set) in Prometheus text.</summary>
    private static double Value(string scrape, string metric) =>
        Series().Matches(scrape).Where(m => m.Groups["name"].Value == metric).Sum(m => double.Parse(m.Groups["value"].Value));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Series();
}
