using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Presence;

[Collection(AppCollection.Name)]
public sealed class RoomPresenceTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    /// <summary>
    /// How long counts may take to come down to this test's own people: an earlier test's tab that did not close
    /// politely leaves after the disconnect grace and the leave debounce.
    /// </summary>
    private static readonly float SettleTimeoutMs = (float)(PresenceTiming.DisconnectGrace + PresenceTiming.LeaveDebounce).TotalMilliseconds + AppFixture.ExpectTimeoutMs;

    private async Task<(IPage A, IPage B, Person Alice, Person Bob)> TwoInTheLobbyAsync()
    {
        var (a, b, alice, bob) = await App.TwoInTheLobbyAsync();
        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(1);
        return (a, b, alice, bob);
    }

    [Fact]
    public async Task TwoPeopleInTheLobbySeeEachOtherAndTheCount()
    {
        var (a, b, alice, bob) = await TwoInTheLobbyAsync();

        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-status", "online");
        await Expect(b.OnlineUser(alice)).ToHaveAttributeAsync("data-status", "online");
        await Expect(a.OnlineUser(alice)).ToHaveCountAsync(1);
        // People of earlier tests may still be leaving (their tabs closed a moment ago): the list settles on these two.
        await Expect(a.GetByTestId("online-user")).ToHaveCountAsync(2, new() { Timeout = SettleTimeoutMs });
        await Expect(a.GetByTestId("online-count")).ToHaveTextAsync("2");
        await Expect(a.PresenceEvents(bob, "joined")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task SecondTabCountsAsOneUserWithTwoConnectionsAndNoSecondJoin()
    {
        var (a, b, _, bob) = await TwoInTheLobbyAsync();
        await Expect(a.GetByTestId("online-count")).ToHaveTextAsync("2", new() { Timeout = SettleTimeoutMs });

        var secondTab = await b.OpenSecondTabAsync("lobby");

        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-connections", "2");
        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(1);
        await Expect(a.GetByTestId("online-count")).ToHaveTextAsync("2");
        await Expect(a.PresenceEvents(bob, "joined")).ToHaveCountAsync(1);

        await secondTab.CloseAsync();

        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-connections", "1");
        await a.WaitForTimeoutAsync((float)PresenceTiming.LeaveDebounce.TotalMilliseconds + 500);
        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(1);
        await Expect(a.PresenceEvents(bob, "left")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ClosingTheLastTabAnnouncesOneLeaveAfterTheDebounce()
    {
        var (a, b, _, bob) = await TwoInTheLobbyAsync();
        var secondTab = await b.OpenSecondTabAsync("lobby");
        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-connections", "2");

        await secondTab.CloseAsync();
        await b.CloseAsync();

        await Expect(a.PresenceEvents(bob, "left")).ToHaveCountAsync(1,
            new() { Timeout = (float)(PresenceTiming.DisconnectGrace + PresenceTiming.LeaveDebounce).TotalMilliseconds + 10_000 });
        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ReloadingIsNeitherALeaveNorAJoin()
    {
        var (a, b, alice, _) = await TwoInTheLobbyAsync();
        await Expect(b.PresenceEvents(alice, "joined")).ToHaveCountAsync(0);

        await a.ReloadAsync();
        await a.GetByTestId("room-title").WaitForAsync();
        await b.WaitForTimeoutAsync((float)PresenceTiming.LeaveDebounce.TotalMilliseconds + 1000);

        await Expect(b.PresenceEvents(alice, "left")).ToHaveCountAsync(0);
        await Expect(b.PresenceEvents(alice, "joined")).ToHaveCountAsync(0);
        await Expect(b.OnlineUser(alice)).ToHaveAttributeAsync("data-connections", "1");
    }

    [Fact]
    public async Task InvisibleUserDisappearsForOthersAndFromTheSiteCount()
    {
        var (a, b, alice, bob) = await TwoInTheLobbyAsync();
        // Only this test's people are signed in once those of earlier tests have left.
        await Expect(a.GetByTestId("site-online-count")).ToHaveTextAsync("2", new() { Timeout = SettleTimeoutMs });

        await b.ChooseStatusAsync("invisible");

        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(0);
        await Expect(a.GetByTestId("site-online-count")).ToHaveTextAsync("1");
        await Expect(b.OnlineUser(bob)).ToHaveAttributeAsync("data-status", "invisible");

        await b.MessageInput().FillAsync("I am here but hidden");
        await a.WaitForTimeoutAsync(1000);
        await Expect(a.GetByTestId("typing-indicator")).ToHaveCountAsync(0);

        await b.ChooseStatusAsync("online");
        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-status", "online");
        await Expect(a.GetByTestId("site-online-count")).ToHaveTextAsync("2");
        _ = alice;
    }

    [Fact]
    public async Task BusyAndAwayShowInTheList()
    {
        var (a, b, _, bob) = await TwoInTheLobbyAsync();

        await b.ChooseStatusAsync("busy");
        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-status", "busy");

        await b.ChooseStatusAsync("away");
        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-status", "away");
    }

    [Fact]
    public async Task TypingShowsForOthersAndClearsWhenTheTypistStops()
    {
        var (a, b, _, bob) = await TwoInTheLobbyAsync();

        await b.MessageInput().PressSequentiallyAsync("hel");

        var indicator = a.GetByTestId("typing-indicator");
        await Expect(indicator).ToHaveAttributeAsync("data-users", bob.DisplayName);
        await Expect(b.GetByTestId("typing-indicator")).ToHaveCountAsync(0);
        await Expect(indicator).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task SendingClearsTheTypingIndicatorAtOnce()
    {
        var (a, b, _, bob) = await TwoInTheLobbyAsync();
        await b.MessageInput().PressSequentiallyAsync("quick one");
        await Expect(a.GetByTestId("typing-indicator")).ToHaveAttributeAsync("data-users", bob.DisplayName);

        await b.MessageInput().PressAsync("Enter");

        await Expect(a.Messages().Filter(new() { HasText = "quick one" })).ToHaveCountAsync(1);
        await Expect(a.GetByTestId("typing-indicator")).ToHaveCountAsync(0, new() { Timeout = 2_000 });
    }
}
