using System.Collections.Concurrent;
using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using ChatApp.Web.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Circuits;

/// <summary>
/// The circuit handler inside a real app and a real browser, with a recording presence in front of the real
/// engine: what does the lifecycle of a tab look like from presence's side?
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CircuitLifecycleTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    // Keeps every WebSocket the page opens, so the test can cut the circuit's connection like a network blip.
    private const string CapturedSockets = """
        (() => {
            const Native = window.WebSocket;
            window.__sockets = [];
            window.WebSocket = class extends Native {
                constructor(...args) { super(...args); window.__sockets.push(this); }
            };
        })();
        """;

    private readonly RecordingPresence recorded = new();
    private KestrelAppFactory factory = default!;
    private string baseUrl = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new KestrelAppFactory(services =>
        {
            services.RemoveAll<IConnectionPresence>();
            services.AddSingleton<IConnectionPresence>(sp =>
            {
                recorded.Inner = ActivatorUtilities.CreateInstance<ConnectionPresence>(sp);
                return recorded;
            });
        });
        baseUrl = factory.Start();
        Run.WatchServer(factory.Log, "recorded-app");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task TabReportsOpenUpDownUpAndClosedInOrder()
    {
        var context = await App.NewContextAsync(new() { BaseURL = baseUrl });
        await context.AddInitScriptAsync(CapturedSockets);
        var page = await context.NewPageAsync();
        await page.RegisterAsync(Person.New("Circe"));
        await page.OpenRoomAsync("lobby");
        var circuit = recorded.OpenedConnections.Last();

        await page.EvaluateAsync("() => window.__sockets.filter(s => s.url.includes('_blazor')).forEach(s => s.close())");
        await Expect(page.GetByTestId("room-title")).ToBeVisibleAsync();
        await WaitUntil(() => recorded.For(circuit).Count(e => e == "up") >= 2);

        await page.CloseAsync(new() { RunBeforeUnload = true });
        await WaitUntil(() => recorded.For(circuit).Contains("closed"));

        var events = recorded.For(circuit);
        Assert.Equal("opened", events[0]);
        Assert.Equal("up", events[1]);
        var down = events.IndexOf("down");
        Assert.True(down > 1, string.Join(", ", events));
        Assert.Equal("up", events[down + 1 + events.Skip(down + 1).TakeWhile(e => e == "down").Count()]);
        Assert.Equal("closed", events.Last(e => e != "down"));
    }

    /// <summary>Polls a condition the browser brings about; gives up after 20 s.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition(), "the expected circuit events never came");
    }

    private sealed class RecordingPresence : IConnectionPresence
    {
        private readonly ConcurrentQueue<(string Connection, string Event)> events = new();

        public IConnectionPresence Inner { get; set; } = default!;

        public IReadOnlyList<string> OpenedConnections => events.Where(e => e.Event == "opened").Select(e => e.Connection).ToList();

        public List<string> For(string connection) => events.Where(e => e.Connection == connection).Select(e => e.Event).ToList();

        public Task<bool> OpenedAsync(CircuitUser user)
        {
            events.Enqueue((user.ConnectionId, "opened"));
            return Inner.OpenedAsync(user);
        }

        public void Up(CircuitUser user)
        {
            events.Enqueue((user.ConnectionId, "up"));
            Inner.Up(user);
        }

        public void Down(string connectionId)
        {
            events.Enqueue((connectionId, "down"));
            Inner.Down(connectionId);
        }

        public void Closed(string connectionId)
        {
            events.Enqueue((connectionId, "closed"));
            Inner.Closed(connectionId);
        }
    }
}
