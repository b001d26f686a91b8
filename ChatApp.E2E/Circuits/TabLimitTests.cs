using ChatApp.E2E.Infrastructure;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Circuits;

/// <summary>
/// Tabs over <c>Presence:MaxTabsPerUser</c> (2 here) show why instead of the app, and hold no circuit on the server:
/// a script opening hundreds of tabs costs the server nothing beyond the allowed ones.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TabLimitTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const int MaxTabs = 2;

    private readonly LiveCircuits circuits = new();
    private KestrelAppFactory factory = default!;
    private string baseUrl = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new KestrelAppFactory(
            services => services.AddScoped<CircuitHandler>(_ => new CountingCircuitHandler(circuits)),
            new Dictionary<string, string> { ["Presence:MaxTabsPerUser"] = MaxTabs.ToString() });
        baseUrl = factory.Start();
        Run.WatchServer(factory.Log, "tab-limit-app");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task TabsOverTheLimitShowTheNoticeAndOpenNoCircuitUntilATabCloses()
    {
        var context = await App.NewContextAsync(new() { BaseURL = baseUrl });
        var first = await context.NewPageAsync();
        await first.RegisterAsync(Person.New("Tabby"));
        await first.OpenRoomAsync("lobby");
        await WaitUntil(() => circuits.Open == 1, "the page registration landed on gave its circuit up");
        await first.OpenSecondTabAsync("lobby");
        await WaitUntil(() => circuits.Open == MaxTabs, "the two allowed tabs have circuits");
        circuits.ResetPeak();

        var over = new List<(IPage Tab, List<string> Sockets)>();
        for (var i = 0; i < 4; i++)
        {
            var tab = await context.NewPageAsync();
            var sockets = new List<string>();
            tab.WebSocket += (_, socket) => { lock (sockets) { sockets.Add(socket.Url); } };
            await tab.GotoAsync("/rooms/lobby", new() { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(tab.GetByTestId("tab-limit")).ToContainTextAsync($"You have {MaxTabs} tabs open");
            over.Add((tab, sockets));
        }

        foreach (var (tab, sockets) in over)
        {
            await Expect(tab.GetByTestId("tab-limit")).ToBeVisibleAsync();
            await Expect(tab.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
            await Expect(tab.GetByTestId("room-title")).ToHaveCountAsync(0);
            lock (sockets)
            {
                Assert.Empty(sockets);
            }
        }
        Assert.Equal(MaxTabs, circuits.Open);
        Assert.Equal(MaxTabs, circuits.MostOpenAtOnce);

        // One allowed tab closes: "Try again" on a tab over the limit now gets the app.
        await first.CloseAsync(new() { RunBeforeUnload = true });
        await WaitUntil(() => circuits.Open == MaxTabs - 1, "the closed tab's circuit ended");
        var retried = over[0].Tab;
        await retried.GetByTestId("tab-limit-retry").ClickAsync();
        await Expect(retried.GetByTestId("room-title")).ToBeVisibleAsync();
        await WaitUntil(() => circuits.Open == MaxTabs, "the retried tab has a circuit");
        await Expect(over[1].Tab.GetByTestId("tab-limit")).ToBeVisibleAsync();
    }

    /// <summary>Polls a condition the browser brings about; gives up after 20 s.</summary>
    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition(), $"never true: {what}");
    }

    /// <summary>Circuits open on the server right now, and the most there ever were at once.</summary>
    private sealed class LiveCircuits
    {
        private readonly Lock gate = new();
        private int open;

        public int Open
        {
            get
            {
                lock (gate)
                {
                    return open;
                }
            }
        }

        public int MostOpenAtOnce { get; private set; }

        public void ResetPeak()
        {
            lock (gate)
            {
                MostOpenAtOnce = open;
            }
        }

        public void Opened()
        {
            lock (gate)
            {
                open++;
                MostOpenAtOnce = Math.Max(MostOpenAtOnce, open);
            }
        }

        public void Closed()
        {
            lock (gate)
            {
                open--;
            }
        }
    }

    private sealed class CountingCircuitHandler(LiveCircuits circuits) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits.Opened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits.Closed();
            return Task.CompletedTask;
        }
    }
}
