using ChatApp.E2E.Infrastructure;
using ChatApp.LoadTest.Client;
using ChatApp.LoadTest.Dom;
using Xunit.Abstractions;

namespace ChatApp.E2E.LoadTest;

/// <summary>
/// The load generator's tabs against the real app on Kestrel (no browser): 50 tabs of 10 people in one room see
/// everyone join, every message, a status change and a person leaving, exactly as a browser tab would. Correctness
/// only: each wait has a generous bound for a loaded two-core machine, and nothing is timed. In the browser tests'
/// collection so that its fifty tabs never compete for the two cores with a browser test's timeouts.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HeadlessTabsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int People = 10;
    private const int TabsPerPerson = 5;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private readonly KestrelAppFactory factory = new();
    private readonly LoadCounters counters = new();
    private TabFleet fleet = default!;

    public async Task InitializeAsync()
    {
        var baseUrl = factory.Start();
        fleet = new TabFleet(new Uri(baseUrl + "/"), new FleetOptions
        {
            Tabs = People * TabsPerPerson,
            Users = People,
            Rooms = ["lobby"],
            Parallelism = 4,
            Tab = new TabOptions { Counters = counters, OpenTimeout = Bound },
        });
        await fleet.RegisterUsersAsync(CancellationToken.None);
        await fleet.OpenTabsAsync(People * TabsPerPerson, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var error in counters.ErrorSamples)
        {
            output.WriteLine($"load client: {error}");
        }
        output.WriteLine($"JS calls answered by default: {string.Join(", ", counters.UnknownInterop)}");
        await fleet.DisposeAsync();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task FiftyHeadlessTabsEachShowEveryJoinEveryMessageAStatusChangeAndALeave()
    {
        Assert.True(fleet.Opened == People * TabsPerPerson, $"{fleet.Opened} of {People * TabsPerPerson} tabs opened: {Errors()}");
        var names = fleet.Users.Select(u => u.DisplayName).ToHashSet();

        // Joins: every tab lists all ten people (the virtualized list shows them once the viewport is reported).
        await EveryTab(d => OnlineNames(d).SetEquals(names) && CountShown(d) == People, "lists all ten people as online");

        // Messages: each person sends two from one of their tabs; every tab shows all twenty.
        var texts = new List<string>();
        await Parallel.ForEachAsync(fleet.Users, async (user, ct) =>
        {
            var tab = fleet.Tabs.First(t => t.User == user);
            for (var i = 0; i < 2; i++)
            {
                var text = $"{user.DisplayName} says hello #{i}";
                lock (texts)
                {
                    texts.Add(text);
                }
                await tab.SendMessageAsync(text, ct);
            }
        });
        await EveryTab(d => texts.All(MessageTexts(d).Contains), "shows all twenty messages");

        // A status change: one person goes busy; every tab shows it on their entry.
        var busy = fleet.Users[3];
        await fleet.Tabs.First(t => t.User == busy).SetStatusAsync("busy");
        await EveryTab(d => d.ByTestId("online-user").Any(e => e["data-user"] == busy.DisplayName && e["data-status"] == "busy"),
            $"shows {busy.DisplayName} as busy");

        // A leave: all of one person's tabs close; after the leave debounce every remaining tab lists nine people.
        var leaver = fleet.Users[7];
        foreach (var tab in fleet.Tabs.Where(t => t.User == leaver).ToList())
        {
            await fleet.CloseTabAsync(tab);
        }
        await EveryTab(d => !OnlineNames(d).Contains(leaver.DisplayName) && CountShown(d) == People - 1,
            $"no longer lists {leaver.DisplayName}");
        Assert.Equal(0, counters.Errors);
    }

    private async Task EveryTab(Func<Document, bool> condition, string what)
    {
        var results = await Task.WhenAll(fleet.Tabs.Select(tab => tab.TryWaitUntilAsync(condition, Bound)));
        var failing = fleet.Tabs.Where((_, i) => !results[i]).Select(t => t.Id).ToList();
        Assert.True(failing.Count == 0, $"tabs {string.Join(", ", failing)} never {what}. {Errors()}");
    }

    private static HashSet<string> OnlineNames(Document d) =>
        d.ByTestId("online-user").Select(e => e["data-user"] ?? "").ToHashSet();

    private static int CountShown(Document d) =>
        d.FirstByTestId("online-count") is { } count && int.TryParse(count.InnerText().Trim(), out var n) ? n : -1;

    private static HashSet<string> MessageTexts(Document d) =>
        d.ByTestId("message-text").Select(e => e.InnerText().Trim()).ToHashSet();

    private string Errors() => string.Join("; ", counters.ErrorSamples);
}
