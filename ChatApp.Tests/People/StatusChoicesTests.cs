using System.Collections.Concurrent;
using ChatApp.Core.Chat;
using ChatApp.Core.People;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.People;

public sealed class StatusChoicesTests : ChatServiceTest
{
    /// <summary>The app starting again on the same database: fresh singletons, nothing in memory.</summary>
    private Task<ServiceProvider> RestartAsync() => ChatTestServices.StartAsync(Chat);

    private static Task OpenTabAsync(IServiceProvider app, string connectionId, string userId, string name) =>
        new ConnectionPresence(
            app.GetRequiredService<PresenceTracker>(),
            app.GetRequiredService<ActivityTracker>(),
            app.GetRequiredService<StatusChoices>())
        .OpenedAsync(new CircuitUser(connectionId, userId, name));

    [Fact]
    public async Task ChosenStatusAppliesToEveryOpenTabAtOnce()
    {
        await OpenTabAsync(Provider, "c1", Alice.Id, "Alice");
        await OpenTabAsync(Provider, "c2", Alice.Id, "Alice");

        Assert.Null(await Get<StatusChoices>().ChooseAsync(Alice.Id, PresenceStatus.Busy));

        var alice = Get<PresenceTracker>().Get(RoomPresenceService.SiteTopic, Alice.Id, Bob.Id)!;
        Assert.All(alice.Metas, m => Assert.Equal(PresenceStatus.Busy, m.Status));
    }

    [Fact]
    public async Task InvisibleSurvivesARestartAndIsNeverShownOnlineOnTheWayBack()
    {
        await Get<StatusChoices>().ChooseAsync(Alice.Id, PresenceStatus.Invisible);

        await using var restarted = await RestartAsync();
        var tracker = restarted.GetRequiredService<PresenceTracker>();
        var seenByBob = new ConcurrentQueue<PresenceEvent>();
        using var subscription = tracker.Subscribe(RoomPresenceService.SiteTopic, Bob.Id, change =>
        {
            foreach (var e in change.Events)
            {
                seenByBob.Enqueue(e);
            }
            return Task.CompletedTask;
        });
        await OpenTabAsync(restarted, "c1", Alice.Id, "Alice");
        await OpenTabAsync(restarted, "c2", Bob.Id, "Bob");
        await tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([Bob.Id], seenByBob.Select(e => e.Key));
        Assert.Equal(1, tracker.Count(RoomPresenceService.SiteTopic, Bob.Id));
        Assert.Equal(PresenceStatus.Invisible, tracker.Get(RoomPresenceService.SiteTopic, Alice.Id, Alice.Id)?.Status);
    }

    [Fact]
    public async Task ChoosingOnlineAgainIsWhatARestartRemembers()
    {
        await Get<StatusChoices>().ChooseAsync(Alice.Id, PresenceStatus.Busy);
        await Get<StatusChoices>().ChooseAsync(Alice.Id, PresenceStatus.Online);

        await using var restarted = await RestartAsync();
        await OpenTabAsync(restarted, "c1", Alice.Id, "Alice");

        var tracker = restarted.GetRequiredService<PresenceTracker>();
        Assert.Equal(PresenceStatus.Online, tracker.Get(RoomPresenceService.SiteTopic, Alice.Id, Bob.Id)?.Status);
    }

    [Fact]
    public async Task AChoiceMadeAfterStartUpIsNotUndoneByALaterTabRestoringTheOldOne()
    {
        await Get<StatusChoices>().ChooseAsync(Alice.Id, PresenceStatus.Busy);
        await using var restarted = await RestartAsync();
        var statuses = restarted.GetRequiredService<StatusChoices>();

        await OpenTabAsync(restarted, "c1", Alice.Id, "Alice");
        await statuses.ChooseAsync(Alice.Id, PresenceStatus.Away);
        await OpenTabAsync(restarted, "c2", Alice.Id, "Alice");

        var tracker = restarted.GetRequiredService<PresenceTracker>();
        Assert.Equal(PresenceStatus.Away, tracker.ChosenStatus(Alice.Id));
        Assert.Equal(PresenceStatus.Away, tracker.Get(RoomPresenceService.SiteTopic, Alice.Id, Bob.Id)?.Status);
    }

    [Fact]
    public async Task ReconnectingCannotBeChosenAndNothingIsSaved()
    {
        var error = await Get<StatusChoices>().ChooseAsync(Alice.Id, PresenceStatus.Reconnecting);

        Assert.Equal(ChatErrorKind.Invalid, error?.Kind);
        await using var restarted = await RestartAsync();
        await OpenTabAsync(restarted, "c1", Alice.Id, "Alice");
        Assert.Equal(PresenceStatus.Online, restarted.GetRequiredService<PresenceTracker>().ChosenStatus(Alice.Id));
    }

    [Fact]
    public async Task AnUnknownUserCannotChooseAStatus()
    {
        var error = await Get<StatusChoices>().ChooseAsync("nobody", PresenceStatus.Busy);

        Assert.Equal(ChatErrorKind.NotAllowed, error?.Kind);
        Assert.Equal(PresenceStatus.Online, Get<PresenceTracker>().ChosenStatus("nobody"));
    }

    [Fact]
    public async Task FlippingTheStatusFasterThanAPersonWouldIsRefusedAndTheLastAcceptedChoiceStays()
    {
        var statuses = Get<StatusChoices>();
        for (var i = 0; i < StatusChoices.ChangesPerMinute; i++)
        {
            Assert.Null(await statuses.ChooseAsync(Alice.Id, i % 2 == 0 ? PresenceStatus.Busy : PresenceStatus.Away));
        }

        var refused = await statuses.ChooseAsync(Alice.Id, PresenceStatus.Invisible);

        Assert.Equal(ChatErrorKind.TooFast, refused?.Kind);
        Assert.Equal(PresenceStatus.Away, Get<PresenceTracker>().ChosenStatus(Alice.Id));
        Chat.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await statuses.ChooseAsync(Alice.Id, PresenceStatus.Invisible));
    }
}
