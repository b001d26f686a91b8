using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Rooms;

public sealed class RoomPresenceServiceTests : ChatServiceTest
{
    private RoomPresenceService rooms => Get<RoomPresenceService>();
    private PresenceTracker tracker => Get<PresenceTracker>();
    private Room secret = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        secret = await ChatTestServices.CreateRoomAsync(Provider, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Provider, secret, Alice);
    }

    [Fact]
    public async Task MemberIsTrackedInAPrivateRoomAndSeesWhoIsThere()
    {
        Assert.Null(await rooms.EnterAsync(Alice.Id, secret.Id, "a1", new PresenceInfo("Alice")));

        var watch = await rooms.WatchAsync(Alice.Id, secret.Id, _ => Task.CompletedTask);

        Assert.True(watch.Succeeded);
        using var subscription = watch.Value!;
        Assert.Equal(["Alice"], subscription.TakeInitial().Users.Select(u => u.DisplayName));
    }

    [Fact]
    public async Task AnIdleTabEnteringARoomShowsAwayThereToo()
    {
        var activity = Get<ActivityTracker>();
        tracker.Track(RoomPresenceService.SiteTopic, Alice.Id, "a1", new PresenceInfo("Alice"));
        activity.Connected("a1", Alice.Id);
        activity.VisibilityChanged("a1", hidden: true);

        await rooms.EnterAsync(Alice.Id, secret.Id, "a1", new PresenceInfo("Alice"));

        Assert.Equal(PresenceStatus.Away, tracker.Get(RoomPresenceService.RoomTopic(secret.Id), Alice.Id, Bob.Id)?.Status);
    }

    [Fact]
    public async Task NonMemberIsNeitherTrackedNorToldWhoIsThere()
    {
        await rooms.EnterAsync(Alice.Id, secret.Id, "a1", new PresenceInfo("Alice"));

        var entered = await rooms.EnterAsync(Bob.Id, secret.Id, "b1", new PresenceInfo("Bob"));
        var watch = await rooms.WatchAsync(Bob.Id, secret.Id, _ => Task.CompletedTask);

        Assert.Equal(ChatErrorKind.NotAllowed, entered?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, watch.Error?.Kind);
        Assert.Null(tracker.Get(RoomPresenceService.RoomTopic(secret.Id), Bob.Id, Alice.Id));
    }

    [Fact]
    public async Task LeavingUntracksOnlyThatTab()
    {
        var Lobby = await ChatTestServices.LobbyAsync(Provider);
        await rooms.EnterAsync(Alice.Id, Lobby.Id, "a1", new PresenceInfo("Alice"));
        await rooms.EnterAsync(Alice.Id, Lobby.Id, "a2", new PresenceInfo("Alice"));

        rooms.Leave(Alice.Id, Lobby.Id, "a1");
        rooms.Leave(Alice.Id, Lobby.Id, "a1");

        Assert.Equal(1, tracker.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Bob.Id)!.ConnectionCount);
    }
}
