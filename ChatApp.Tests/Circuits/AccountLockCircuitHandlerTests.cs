using System.Security.Claims;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.People;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Core.Sessions;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Circuits;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatApp.Tests.Circuits;

/// <summary>One circuit (tab) of Alice's, with both circuit handlers on the real engine.</summary>
public sealed class AccountLockCircuitHandlerTests : ChatServiceTest
{
    private const string Site = RoomPresenceService.SiteTopic;
    private readonly CircuitState circuit = new();
    private SwitchableAuthentication authentication = default!;
    private PresenceCircuitHandler presenceHandler = default!;
    private AccountLockCircuitHandler lockHandler = default!;
    private PresenceTracker tracker => Get<PresenceTracker>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        authentication = new SwitchableAuthentication(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Alice.Id), new Claim(ChatClaimsPrincipalFactory.DisplayNameClaim, "Alice"),
             new Claim(SessionClaims.KeyType, "alice-laptop")], "test")));
        var engine = new ConnectionPresence(tracker, Get<ActivityTracker>(), Get<StatusChoices>());
        presenceHandler = new PresenceCircuitHandler(authentication, circuit, engine, NullLogger<PresenceCircuitHandler>.Instance);
        lockHandler = new AccountLockCircuitHandler(Get<IEventBus>(), circuit, engine, authentication, NullLogger<AccountLockCircuitHandler>.Instance);
        await presenceHandler.OpenedAsync("c1");
        await lockHandler.OnCircuitOpenedAsync(null!, default);
    }

    [Theory]
    [InlineData(AccountChangeKind.Locked)]
    [InlineData(AccountChangeKind.Deleted)]
    public async Task ATabSignedOutWhileItsConnectionWasDownStaysGoneWhenItComesBack(AccountChangeKind change)
    {
        Assert.NotNull(tracker.Get(Site, Alice.Id, Bob.Id));
        await presenceHandler.Report("c1", tracker.ConnectionDown);

        Get<IEventBus>().Publish(EventKey.User(Alice.Id), new AccountChange(Alice.Id, change));
        await presenceHandler.ConnectionUpAsync("c1");
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);

        Assert.Null(tracker.Get(Site, Alice.Id, Bob.Id));
        Assert.Null(circuit.User);
        Assert.True(circuit.SignedOutBecauseLocked);
        Assert.False((await authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task EndingThisTabsSessionSendsItToSignIn()
    {
        Get<IEventBus>().Publish(EventKey.User(Alice.Id), new SessionsEnded(Alice.Id, ["alice-phone", "alice-laptop"]));
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);

        Assert.False((await authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.Null(circuit.User);
        Assert.False(circuit.SignedOutBecauseLocked);
        Assert.Null(tracker.Get(Site, Alice.Id, Bob.Id));
    }

    [Theory]
    [InlineData("alice-phone")]
    [InlineData("alice-laptop", true)]
    public async Task EndingAnotherSessionLeavesThisTabAlone(string key, bool someoneElse = false)
    {
        // Another of Alice's devices, or a session with the same key that belongs to someone else.
        var owner = someoneElse ? Bob.Id : Alice.Id;
        Get<IEventBus>().Publish(EventKey.User(owner), new SessionsEnded(owner, [key]));

        Assert.True((await authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.NotNull(circuit.User);
        Assert.NotNull(tracker.Get(Site, Alice.Id, Bob.Id));
    }

    [Fact]
    public async Task SomeoneElsesLockLeavesThisTabAlone()
    {
        Get<IEventBus>().Publish(EventKey.User(Bob.Id), new AccountChange(Bob.Id, AccountChangeKind.Locked));
        await presenceHandler.ConnectionUpAsync("c1");

        Assert.NotNull(tracker.Get(Site, Alice.Id, Bob.Id));
        Assert.NotNull(circuit.User);
    }

    [Fact]
    public async Task AnIdleTabBackAfterTheGraceStillShowsAway()
    {
        Chat.Time.Advance(Chat.Presence.AutoAwayAfter);
        Assert.Equal(PresenceStatus.Away, tracker.Get(Site, Alice.Id, Bob.Id)?.Status);
        await presenceHandler.Report("c1", tracker.ConnectionDown);
        Chat.Time.Advance(Chat.Presence.DisconnectGrace);
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);
        Assert.Null(tracker.Get(Site, Alice.Id, Bob.Id));

        await presenceHandler.ConnectionUpAsync("c1");

        Assert.Equal(PresenceStatus.Away, tracker.Get(Site, Alice.Id, Bob.Id)?.Status);
    }

    private sealed class SwitchableAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider, IHostEnvironmentAuthenticationStateProvider
    {
        private Task<AuthenticationState> state = Task.FromResult(new AuthenticationState(user));

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => state;

        public void SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
        {
            state = authenticationStateTask;
            NotifyAuthenticationStateChanged(state);
        }
    }
}
