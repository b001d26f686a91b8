using Bunit;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Circuits;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>This tab's place in the room's presence: there while the room is shown, gone when it is not.</summary>
public sealed class RoomPresenceEntryTests : ChatComponentTest
{
    private readonly PausingDbContextFactory database = new();

    public RoomPresenceEntryTests()
    {
        Services.AddSingleton<IDbContextFactory<ChatDbContext>>(sp =>
            database.Using(sp.GetRequiredService<DbContextOptions<ChatDbContext>>()));
    }

    private IRenderedComponent<RoomPresenceEntry> RenderEntry(int roomId) =>
        Render<RoomPresenceEntry>(p => p.Add(x => x.RoomId, roomId).Add(x => x.UserId, Alice.Id));

    [Fact]
    public async Task TracksThisTabInTheRoomWhileShownAndUntracksOnDispose()
    {
        var entry = RenderEntry(Lobby.Id);
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
        var entry = RenderEntry(Lobby.Id);
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);
        entry.WaitForAssertion(() => Assert.NotNull(Presence.Get(topic, Alice.Id, Bob.Id)));
        // Down for longer than the grace period: the engine dropped the tab from every topic.
        Presence.Untrack(topic, Alice.Id, ConnectionId);
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);
        Assert.Null(Presence.Get(topic, Alice.Id, Bob.Id));

        Services.GetRequiredService<CircuitPresence>().OnResumed();

        entry.WaitForAssertion(() => Assert.Equal(1, Presence.Get(topic, Alice.Id, Bob.Id)?.ConnectionCount));
    }

    [Fact]
    public async Task ARoomLeftWhileTheTabIsStillEnteringItKeepsNoTraceOfTheTab()
    {
        var entering = database.PauseAtCall(1);
        RenderEntry(Lobby.Id);
        await entering.WaitAsync(TimeSpan.FromSeconds(30));

        await DisposeComponentsAsync();
        database.Resume();
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);

        Assert.Null(Presence.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Bob.Id));
        Assert.Equal(0, Presence.TopicCount);
    }

    [Fact]
    public async Task APrivateRoomTheUserMayNotOpenDoesNotTrackTheTab()
    {
        var secret = await ChatTestServices.CreateRoomAsync(Services, "secret", isPrivate: true);

        var entry = RenderEntry(secret.Id);
        // The lobby, entered after it, proves the refused entry has had its answer.
        var lobby = RenderEntry(Lobby.Id);
        lobby.WaitForAssertion(() => Assert.NotNull(Presence.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Alice.Id)));

        entry.WaitForAssertion(() => Assert.Null(Presence.Get(RoomPresenceService.RoomTopic(secret.Id), Alice.Id, Alice.Id)));
    }
}
