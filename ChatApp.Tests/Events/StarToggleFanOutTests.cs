using System.Security.Claims;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.People;
using ChatApp.Core.Presence;
using ChatApp.Core.Sessions;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Circuits;
using ChatApp.Web.Presence;
using ChatApp.Web.Rooms;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatApp.Tests.Events;

/// <summary>
/// Several people with two tabs each, every tab with what a circuit subscribes to on every page (its watch list, its
/// room list, its sign-out handler). Starring someone must cost handlers in the starring person's tabs only.
/// Before the keyed bus, one star ran 3 handlers in every tab of everyone (36 here), 4 with a room open.
/// </summary>
public sealed class StarToggleFanOutTests : IAsyncLifetime
{
    private const int TabsPerUser = 2;
    private readonly ChatTestServices chat = new();
    private readonly List<AsyncServiceScope> tabs = [];
    private readonly List<ChatUser> users = [];
    private ServiceProvider provider = default!;
    private CountingEventBus bus = default!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<CountingEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<CountingEventBus>());
        chat.AddTo(services);
        services.AddScoped<CircuitState>();
        services.AddScoped<WatchList>();
        services.AddScoped<VisibleRooms>();
        services.AddSingleton<IConnectionPresence, ConnectionPresence>();
        provider = services.BuildServiceProvider();
        await chat.InitializeAsync(provider);
        bus = provider.GetRequiredService<CountingEventBus>();

        foreach (var name in new[] { "Alice", "Bob", "Carol", "Dave", "Erin", "Frank" })
        {
            var user = await ChatTestServices.CreateUserAsync(provider, name);
            users.Add(user);
            for (var tab = 0; tab < TabsPerUser; tab++)
            {
                await OpenTabAsync(user, $"{name}-tab-{tab}");
            }
        }
    }

    private async Task OpenTabAsync(ChatUser user, string connectionId)
    {
        var scope = provider.CreateAsyncScope();
        tabs.Add(scope);
        var circuit = scope.ServiceProvider.GetRequiredService<CircuitState>();
        circuit.User = new CircuitUser(connectionId, user.Id, user.DisplayName);
        await scope.ServiceProvider.GetRequiredService<WatchList>().GetAsync();
        await scope.ServiceProvider.GetRequiredService<VisibleRooms>().EnsureLoadedAsync();
        var signedIn = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(SessionClaims.KeyType, connectionId)], "test"));
        var lockHandler = new AccountLockCircuitHandler(bus, circuit, scope.ServiceProvider.GetRequiredService<IConnectionPresence>(),
            new FixedAuthentication(signedIn), NullLogger<AccountLockCircuitHandler>.Instance);
        await lockHandler.OnCircuitOpenedAsync(null!, default);
    }

    [Fact]
    public async Task StarringSomeoneRunsHandlersOnlyInTheStarringPersonsTabs()
    {
        var alice = users[0];
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aliceTabs = tabs.Where(t => t.ServiceProvider.GetRequiredService<CircuitState>().User!.UserId == alice.Id).ToList();
        var reloads = 0;
        foreach (var tab in aliceTabs)
        {
            tab.ServiceProvider.GetRequiredService<WatchList>().Changed += () =>
            {
                if (Interlocked.Increment(ref reloads) == TabsPerUser)
                {
                    reloaded.SetResult();
                }
            };
        }
        var before = bus.HandlersRun;

        Assert.Null(await provider.GetRequiredService<PeopleService>().SetWatchedAsync(alice.Id, users[1].Id, true));
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // One handler per tab of Alice (her watch list reloads); nothing runs in anyone else's tabs.
        Assert.Equal(TabsPerUser, bus.HandlersRun - before);
        Assert.Contains(users[1].Id, await aliceTabs[0].ServiceProvider.GetRequiredService<WatchList>().GetAsync());
    }

    public async Task DisposeAsync()
    {
        foreach (var tab in tabs)
        {
            await tab.DisposeAsync();
        }
        await provider.DisposeAsync();
        await chat.DisposeAsync();
    }

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
