using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Direct;
using ChatApp.Core.Chat.Reading;
using ChatApp.Core.Events;
using ChatApp.Tests.Chat.Reading;
using ChatApp.Web.Components.Layout;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Layout;

/// <summary>Unread and mention badges on the room links of the drawer and of /rooms, live.</summary>
public sealed class RoomBadgesTests : ChatComponentTest
{
    [Fact]
    public async Task TheDrawerCountsMessagesFromOthersAsTheyArriveAndClearsWhenAnotherTabReadsThem()
    {
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 5);
        var nav = Render<RoomNav>();
        nav.WaitForAssertion(() => Assert.NotEmpty(nav.FindAll("[data-testid=room-link][data-room=lobby]")));
        // The count loads in the background: wait until Alice has a position before Bob talks. The five messages
        // said before the lobby reached her list are history, not unread (the count below is 2, not 7).
        await WaitForPositionAsync();
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "one");
        await ChatService.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "mine does not count");
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "two");

        nav.WaitForAssertion(() => Assert.Equal("2", nav.Find("[data-testid=room-link][data-room=lobby] [data-testid=room-unread]").GetAttribute("data-count")));
        Assert.Empty(nav.FindAll("[data-testid=room-mentions]"));

        // Alice's other tab opens the room: this one hears of it and clears the badge.
        await Services.GetRequiredService<ReadingService>().MarkReadAsync(AliceInLobby, long.MaxValue);

        nav.WaitForAssertion(() => Assert.Empty(nav.FindAll("[data-testid=room-unread]")));
    }

    [Fact]
    public async Task AMentionOfThePersonShowsItsOwnBadgeBesideTheUnreadCount()
    {
        var list = Render<RoomList>();
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid=room-link][data-room=lobby]")));
        await WaitForPositionAsync();

        // As a send that mentions Alice stores it (the mention rows) and announces it (the ids on the event).
        var seq = (await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 1))[0];
        await ReadingData.MentionAsync(Services, Lobby.Id, seq, Alice.Id);
        var view = new MessageView(seq, Lobby.Id, Guid.NewGuid(), Bob.Id, "Bob", "hi @Alice", DateTimeOffset.UnixEpoch);
        Events.Publish(EventKey.Room(Lobby.Id), new MessageSaved(view, [Alice.Id]));
        var other = new MessageView(seq + 1, Lobby.Id, Guid.NewGuid(), Bob.Id, "Bob", "hi @Carol", DateTimeOffset.UnixEpoch);
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 1);
        Events.Publish(EventKey.Room(Lobby.Id), new MessageSaved(other, ["someone-else"]));

        list.WaitForAssertion(() =>
        {
            Assert.Equal("2", list.Find("[data-testid=room-link][data-room=lobby] [data-testid=room-unread]").GetAttribute("data-count"));
            Assert.Equal("1", list.Find("[data-testid=room-link][data-room=lobby] [data-testid=room-mentions]").GetAttribute("data-count"));
        });
    }

    [Fact]
    public async Task AfterAGapTheCountsAreReadAgainFromTheDatabase()
    {
        var nav = Render<RoomNav>();
        nav.WaitForAssertion(() => Assert.NotEmpty(nav.FindAll("[data-testid=room-link][data-room=lobby]")));
        await WaitForPositionAsync();

        // Stored but never heard (lost on the backplane): the gap makes the tab count again.
        await ReadingData.AddMessagesAsync(Services, Lobby.Id, Bob.Id, 3);
        Events.RaiseGap(EventKey.Room(Lobby.Id));

        nav.WaitForAssertion(() => Assert.Equal("3", nav.Find("[data-testid=room-link][data-room=lobby] [data-testid=room-unread]").GetAttribute("data-count")));
    }

    [Fact]
    public async Task ADirectConversationStartedBySomeoneElseCountsTheirMessagesOnItsDrawerLink()
    {
        var nav = Render<RoomNav>();
        nav.WaitForAssertion(() => Assert.NotEmpty(nav.FindAll("[data-testid=room-link][data-room=lobby]")));
        await WaitForPositionAsync();

        // Bob writes to Alice for the first time: the conversation appears, and what he says there counts.
        var started = await Services.GetRequiredService<DirectMessages>().StartAsync(Bob.Id, Alice.Id);
        var roomId = started.Value!.RoomId;
        nav.WaitForAssertion(() => Assert.NotEmpty(nav.FindAll("[data-testid=dm-link]")));
        await WaitForPositionAsync(roomId);
        await ChatService.SendAsync(Bob.Id, roomId, Guid.NewGuid(), "hello Alice");
        await ChatService.SendAsync(Bob.Id, roomId, Guid.NewGuid(), "are you there?");

        nav.WaitForAssertion(() => Assert.Equal("2", nav.Find("[data-testid=dm-link][data-user=Bob] [data-testid=room-unread]").GetAttribute("data-count")));
        Assert.Empty(nav.FindAll("[data-testid=room-link] [data-testid=room-unread]"));
    }

    [Fact]
    public async Task ADeletedUnreadMessageNoLongerCounts()
    {
        var nav = Render<RoomNav>();
        nav.WaitForAssertion(() => Assert.NotEmpty(nav.FindAll("[data-testid=room-link][data-room=lobby]")));
        await WaitForPositionAsync();
        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "one");
        var regretted = await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "oops");
        nav.WaitForAssertion(() => Assert.Equal("2", nav.Find("[data-testid=room-link][data-room=lobby] [data-testid=room-unread]").GetAttribute("data-count")));

        await ChatService.DeleteAsync(Bob.Id, Lobby.Id, regretted.Value!.Seq);

        nav.WaitForAssertion(() => Assert.Equal("1", nav.Find("[data-testid=room-link][data-room=lobby] [data-testid=room-unread]").GetAttribute("data-count")));
    }

    private async Task WaitForPositionAsync(int? roomId = null)
    {
        var room = roomId ?? Lobby.Id;
        for (var i = 0; i < 200 && await ReadingData.PositionAsync(Services, Alice.Id, room) is null; i++)
        {
            await Task.Delay(50);
        }
        Assert.NotNull(await ReadingData.PositionAsync(Services, Alice.Id, room));
    }
}
