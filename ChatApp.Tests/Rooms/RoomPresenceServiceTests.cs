using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
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
        Assert.Null(rooms.Enter(await AccessAsync(Alice.Id, secret.Id), "a1", new PresenceInfo("Alice")));

        var watch = rooms.Watch(await AccessAsync(Alice.Id, secret.Id), _ => Task.CompletedTask);

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

        rooms.Enter(await AccessAsync(Alice.Id, secret.Id), "a1", new PresenceInfo("Alice"));

        Assert.Equal(PresenceStatus.Away, tracker.Get(RoomPresenceService.RoomTopic(secret.Id), Alice.Id, Bob.Id)?.Status);
    }

    [Fact]
    public async Task ARevokedAccessIsNeitherTrackedNorToldWhoIsThere()
    {
        rooms.Enter(await AccessAsync(Alice.Id, secret.Id), "a1", new PresenceInfo("Alice"));
        var bobs = await AccessAsync(Bob.Id, Lobby.Id);
        bobs.Dispose();

        var entered = rooms.Enter(bobs, "b1", new PresenceInfo("Bob"));
        var watch = rooms.Watch(bobs, _ => Task.CompletedTask);

        Assert.Equal(ChatErrorKind.NotAllowed, entered?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, watch.Error?.Kind);
        Assert.Null(tracker.Get(RoomPresenceService.RoomTopic(Lobby.Id), Bob.Id, Alice.Id));
    }

    [Fact]
    public async Task ANonMemberCannotOpenAPrivateRoomSoHasNothingToEnterItWith()
    {
        var opened = await Get<ChatService>().OpenRoomAsync(Bob.Id, secret.Id);

        Assert.Equal(ChatErrorKind.NotAllowed, opened.Error?.Kind);
    }

    [Fact]
    public async Task LeavingUntracksOnlyThatTab()
    {
        var first = await AccessAsync(Alice.Id, Lobby.Id);
        rooms.Enter(first, "a1", new PresenceInfo("Alice"));
        rooms.Enter(await AccessAsync(Alice.Id, Lobby.Id), "a2", new PresenceInfo("Alice"));

        rooms.Leave(first, "a1");
        rooms.Leave(first, "a1");

        Assert.Equal(1, tracker.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Bob.Id)!.ConnectionCount);
    }
}
