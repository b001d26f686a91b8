using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Circuits;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>This tab's place in the room's presence: there while the room is shown, gone when it is not.</summary>
public sealed class RoomPresenceEntryTests : ChatComponentTest
{
    private IRenderedComponent<RoomPresenceEntry> RenderEntry(RoomAccess access) =>
        Render<RoomPresenceEntry>(p => p.Add(x => x.Access, access));

    [Fact]
    public async Task TracksThisTabInTheRoomWhileShownAndUntracksOnDispose()
    {
        var entry = RenderEntry(AliceInLobby);
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);

        entry.WaitForAssertion(() => Assert.Equal(1, Presence.Get(topic, Alice.Id, Bob.Id)?.ConnectionCount));

        await DisposeComponentsAsync();
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);

        Assert.Null(Presence.Get(topic, Alice.Id, Bob.Id));
        Assert.Equal(0, Presence.TopicCount);
    }

    [Fact]
    public void ATabBackFromALongOutageIsTrackedInTheRoomAgain()
    {
        var entry = RenderEntry(AliceInLobby);
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);
        entry.WaitForAssertion(() => Assert.NotNull(Presence.Get(topic, Alice.Id, Bob.Id)));
        // Down for longer than the grace period: the engine dropped the tab from every topic.
        Presence.Untrack(topic, Alice.Id, ConnectionId);
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);
        Assert.Null(Presence.Get(topic, Alice.Id, Bob.Id));

        Services.GetRequiredService<CircuitState>().OnResumed();

        entry.WaitForAssertion(() => Assert.Equal(1, Presence.Get(topic, Alice.Id, Bob.Id)?.ConnectionCount));
    }

    [Fact]
    public async Task ATabWhoseAccessWasRevokedIsNotTrackedAgainWhenItComesBack()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Services, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(Services, secret, Alice);
        var access = await AccessAsync(Alice.Id, secret.Id);
        RenderEntry(access);
        var topic = RoomPresenceService.RoomTopic(secret.Id);
        Assert.NotNull(Presence.Get(topic, Alice.Id, Bob.Id));

        await RemoveAliceFromAsync(secret);
        Services.GetRequiredService<CircuitState>().OnResumed();

        // Out at once (no leave debounce), and the resume did not put her back.
        Assert.Null(Presence.Get(topic, Alice.Id, Bob.Id));
    }

    [Fact]
    public async Task AnEndedAccessDoesNotTrackTheTab()
    {
        var ended = await AccessAsync(Alice.Id, Lobby.Id);
        ended.Dispose();

        RenderEntry(ended);

        Assert.Null(Presence.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Alice.Id));
    }

    private async Task RemoveAliceFromAsync(Room room)
    {
        await ChatTestServices.MakeAdminAsync(Services, Bob);
        Assert.Null(await Services.GetRequiredService<ChatApp.Core.Admin.RoomAdministration>().RemoveMemberAsync(Bob.Id, room.Id, Alice.Id));
    }
}
