using System.Diagnostics.Metrics;
using System.Security.Claims;
using ChatApp.Core.Data;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.People;
using ChatApp.Core.Presence;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Circuits;

public sealed class PresenceCircuitHandlerTests
{
    private readonly RecordingPresence recorded = new();
    private readonly CircuitState circuit = new();

    private PresenceCircuitHandler HandlerFor(ClaimsPrincipal user, IConnectionPresence? presence = null) =>
        new(new FixedAuthentication(user), circuit, presence ?? recorded, NullLogger<PresenceCircuitHandler>.Instance);

    private static TabLimiter Tabs(int max) => new(Options.Create(new PresenceOptions { MaxTabsPerUser = max }));

    [Fact]
    public async Task ATabBeyondTheLimitIsNotTrackedAndIsToldWhyUntilAnotherCloses()
    {
        var tabs = Tabs(2);
        var circuits = Enumerable.Range(0, 3).Select(_ => new CircuitState()).ToArray();
        var handlers = circuits.Select(c => new PresenceCircuitHandler(
            new FixedAuthentication(SignedIn("u1", "Alice")), c, recorded, NullLogger<PresenceCircuitHandler>.Instance, tabs)).ToArray();

        for (var i = 0; i < 3; i++)
        {
            await handlers[i].OpenedAsync($"c{i}");
            await handlers[i].ConnectionUpAsync($"c{i}");
        }

        Assert.Equal(["opened c0 u1 Alice", "up c0", "opened c1 u1 Alice", "up c1"], recorded.Calls);
        Assert.Null(circuits[2].User);
        Assert.Equal(2, circuits[2].OverTabLimit);
        Assert.Null(circuits[0].OverTabLimit);

        await handlers[2].ClosedAsync("c2");
        await handlers[0].ClosedAsync("c0");
        var retry = new CircuitState();
        await new PresenceCircuitHandler(
            new FixedAuthentication(SignedIn("u1", "Alice")), retry, recorded, NullLogger<PresenceCircuitHandler>.Instance, tabs).OpenedAsync("c3");
        Assert.NotNull(retry.User);
        Assert.Equal(2, tabs.OpenTabs("u1"));
    }

    [Fact]
    public async Task TwoTabsOpeningAtOnceForTheLastSlotGetOneBetweenThem()
    {
        var tabs = Tabs(20);
        for (var i = 0; i < 19; i++)
        {
            Assert.True(tabs.TryOpen("u1", $"old{i}"));
        }
        var circuits = new[] { new CircuitState(), new CircuitState() };
        using var start = new Barrier(2);

        await Task.WhenAll(circuits.Select((c, i) => Task.Run(async () =>
        {
            var handler = new PresenceCircuitHandler(
                new FixedAuthentication(SignedIn("u1", "Alice")), c, new RecordingPresence(), NullLogger<PresenceCircuitHandler>.Instance, tabs);
            start.SignalAndWait();
            await handler.OpenedAsync($"new{i}");
        })));

        Assert.Single(circuits, c => c.User is not null);
        Assert.Single(circuits, c => c.OverTabLimit == 20);
        Assert.Equal(20, tabs.OpenTabs("u1"));
    }

    [Fact]
    public async Task ATabThatMayNotBePresentGivesItsSlotBack()
    {
        var tabs = Tabs(1);
        var handler = new PresenceCircuitHandler(
            new FixedAuthentication(SignedIn("u1", "Alice")), circuit, new RefusingPresence(), NullLogger<PresenceCircuitHandler>.Instance, tabs);

        await handler.OpenedAsync("c1");

        Assert.Null(circuit.User);
        Assert.Null(circuit.OverTabLimit);
        Assert.Equal(0, tabs.OpenTabs("u1"));
    }

    [Fact]
    public async Task ATabRefusedByTheTabLimitIsCountedAsARefusalOfThatLimit()
    {
        using var services = new ServiceCollection().AddChatMetrics().BuildServiceProvider();
        using var refusals = new MetricCollector<long>(
            services.GetRequiredService<IMeterFactory>(), ChatMetrics.MeterName, ChatMetrics.Names.RateLimitRefusals);
        var tabs = Tabs(1);
        PresenceCircuitHandler Handler() => new(new FixedAuthentication(SignedIn("u1", "Alice")), new CircuitState(), recorded,
            NullLogger<PresenceCircuitHandler>.Instance, tabs, services.GetRequiredService<ChatMetrics>());

        await Handler().OpenedAsync("c1");
        Assert.Empty(refusals.GetMeasurementSnapshot());
        await Handler().OpenedAsync("c2");

        var refusal = Assert.Single(refusals.GetMeasurementSnapshot());
        Assert.Equal(1, refusal.Value);
        Assert.Equal(ChatMetrics.Limits.Tabs, refusal.Tags[ChatMetrics.LimitTag]);
    }

    private static ClaimsPrincipal SignedIn(string id, string name) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ChatClaimsPrincipalFactory.DisplayNameClaim, name)], "test"));

    [Fact]
    public async Task ReportsOpenUpDownClosedInOrder()
    {
        var handler = HandlerFor(SignedIn("u1", "Alice"));

        await handler.OpenedAsync("c1");
        await handler.ConnectionUpAsync("c1");
        await handler.Report("c1", recorded.Down);
        await handler.ConnectionUpAsync("c1");
        await handler.Report("c1", recorded.Closed);

        Assert.Equal(["opened c1 u1 Alice", "up c1", "down c1", "up c1", "closed c1"], recorded.Calls);
        Assert.Equal(new CircuitUser("c1", "u1", "Alice"), circuit.User);
    }

    [Fact]
    public async Task AnonymousCircuitIsNotTracked()
    {
        var handler = HandlerFor(new ClaimsPrincipal(new ClaimsIdentity()));

        await handler.OpenedAsync("c1");
        await handler.ConnectionUpAsync("c1");
        await handler.Report("c1", recorded.Closed);

        Assert.Empty(recorded.Calls);
        Assert.Null(circuit.User);
    }

    /// <summary>The real engine behind the handler, on a database and clock of its own.</summary>
    private static async Task<(ServiceProvider Provider, PresenceTracker Tracker, ConnectionPresence Engine)> RealEngineAsync(
        ChatTestServices chat)
    {
        var provider = await ChatTestServices.StartAsync(chat);
        var alice = await ChatTestServices.CreateUserAsync(provider, "Alice");
        // The handlers below sign in as "u1": make that Alice's id.
        await using (var db = await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == alice.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Id, "u1"));
        }
        var engine = new ConnectionPresence(
            provider.GetRequiredService<PresenceTracker>(),
            provider.GetRequiredService<ActivityTracker>(),
            provider.GetRequiredService<StatusChoices>());
        return (provider, provider.GetRequiredService<PresenceTracker>(), engine);
    }

    [Fact]
    public async Task RepeatedDownAndOpenAreHarmlessWithTheRealEngine()
    {
        await using var chat = new ChatTestServices();
        var (provider, tracker, engine) = await RealEngineAsync(chat);
        await using var _ = provider;
        var time = chat.Time;
        var handler = HandlerFor(SignedIn("u1", "Alice"), engine);

        await handler.OpenedAsync("c1");
        await handler.OpenedAsync("c1");
        await handler.Report("c1", engine.Down);
        await handler.Report("c1", engine.Down);
        Assert.Equal(PresenceStatus.Reconnecting, tracker.Get("site", "u1", "someone")!.Status);

        await handler.ConnectionUpAsync("c1");
        Assert.Equal(PresenceStatus.Online, tracker.Get("site", "u1", "someone")!.Status);
        Assert.Equal(1, tracker.Get("site", "u1", "someone")!.ConnectionCount);

        await handler.Report("c1", engine.Closed);
        await handler.Report("c1", engine.Closed);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(tracker.Get("site", "u1", "someone"));
    }

    [Fact]
    public async Task ATabBackAfterTheGraceIsTrackedAgainAndItsPagesAreTold()
    {
        await using var chat = new ChatTestServices();
        var options = chat.Presence;
        options.DisconnectGrace = TimeSpan.FromSeconds(30);
        options.LeaveDebounce = TimeSpan.FromSeconds(5);
        var (provider, tracker, engine) = await RealEngineAsync(chat);
        await using var _ = provider;
        var time = chat.Time;
        var handler = HandlerFor(SignedIn("u1", "Alice"), engine);
        var resumed = 0;
        circuit.Resumed += () => resumed++;
        await handler.OpenedAsync("c1");
        await handler.Report("c1", id => tracker.ConnectionDown(id));
        time.Advance(options.DisconnectGrace);
        time.Advance(options.LeaveDebounce);
        Assert.Null(tracker.Get("site", "u1", "someone"));

        await handler.ConnectionUpAsync("c1");

        Assert.Equal(PresenceStatus.Online, tracker.Get("site", "u1", "someone")?.Status);
        Assert.Equal(1, resumed);
    }

    [Fact]
    public async Task ATabClosedWhileItsAccountWasBeingCheckedIsNotLeftOnline()
    {
        await using var chat = new ChatTestServices();
        var (provider, tracker, engine) = await RealEngineAsync(chat);
        await using var _ = provider;
        var slow = new HeldPresence(engine);
        var handler = HandlerFor(SignedIn("u1", "Alice"), slow);

        var opening = handler.OpenedAsync("c1");
        await handler.ClosedAsync("c1");
        slow.Release();
        await opening;
        chat.Time.Advance(chat.Presence.LeaveDebounce);

        Assert.Null(tracker.Get("site", "u1", "someone"));
    }

    [Fact]
    public async Task ALockedAccountsNewTabIsNeverTracked()
    {
        await using var chat = new ChatTestServices();
        var (provider, tracker, engine) = await RealEngineAsync(chat);
        await using var _ = provider;
        var u1 = (await provider.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContext().Users.FindAsync("u1"))!;
        await ChatTestServices.LockAsync(provider, u1);
        var handler = HandlerFor(SignedIn("u1", "Alice"), engine);

        await handler.OpenedAsync("c1");
        await handler.ConnectionUpAsync("c1");

        Assert.Null(tracker.Get("site", "u1", "someone"));
        Assert.Null(circuit.User);
    }

    [Fact]
    public async Task AFailingEngineNeverThrowsIntoTheCircuit()
    {
        var handler = HandlerFor(SignedIn("u1", "Alice"), new ThrowingPresence());

        await handler.OpenedAsync("c1");
        circuit.User = new CircuitUser("c1", "u1", "Alice");
        await handler.Report("c1", _ => throw new InvalidOperationException("engine down"));
    }

    private sealed class RecordingPresence : IConnectionPresence
    {
        public List<string> Calls { get; } = [];
        public Task<bool> OpenedAsync(CircuitUser user)
        {
            Calls.Add($"opened {user.ConnectionId} {user.UserId} {user.DisplayName}");
            return Task.FromResult(true);
        }
        public void Up(CircuitUser user) => Calls.Add($"up {user.ConnectionId}");
        public void Down(string connectionId) => Calls.Add($"down {connectionId}");
        public void Closed(string connectionId) => Calls.Add($"closed {connectionId}");
    }

    private sealed class RefusingPresence : IConnectionPresence
    {
        public Task<bool> OpenedAsync(CircuitUser user) => Task.FromResult(false);
        public void Up(CircuitUser user) { }
        public void Down(string connectionId) { }
        public void Closed(string connectionId) { }
    }

    private sealed class ThrowingPresence : IConnectionPresence
    {
        public Task<bool> OpenedAsync(CircuitUser user) => throw new InvalidOperationException("engine down");
        public void Up(CircuitUser user) => throw new InvalidOperationException("engine down");
        public void Down(string connectionId) => throw new InvalidOperationException("engine down");
        public void Closed(string connectionId) => throw new InvalidOperationException("engine down");
    }

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    /// <summary>The real engine, with the account check held until the test lets it finish.</summary>
    private sealed class HeldPresence(IConnectionPresence inner) : IConnectionPresence
    {
        private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => held.TrySetResult();

        public async Task<bool> OpenedAsync(CircuitUser user)
        {
            await held.Task;
            return await inner.OpenedAsync(user);
        }

        public void Up(CircuitUser user) => inner.Up(user);
        public void Down(string connectionId) => inner.Down(connectionId);
        public void Closed(string connectionId) => inner.Closed(connectionId);
    }
}
