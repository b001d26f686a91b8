using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>The room's name and topic, and the button that opens who is here on narrow screens.</summary>
public sealed class RoomHeaderTests : ChatComponentTest
{
    private async Task<RoomSummary> LobbySummaryAsync() => (await ChatService.OpenRoomAsync(Alice.Id, Room.LobbySlug)).Value!.Room;

    [Fact]
    public async Task ShowsTheRoomsNameAndTopic()
    {
        var lobby = await LobbySummaryAsync() with { Topic = "Say hello" };

        var header = Render<RoomHeader>(p => p.Add(x => x.Room, lobby));

        Assert.Equal($"# {lobby.Name}", header.Find("[data-testid=room-title]").TextContent.Trim());
        Assert.Equal("Say hello", header.Find("[data-testid=room-topic]").TextContent.Trim());
    }

    [Fact]
    public async Task ARoomWithoutATopicShowsNoTopicLine()
    {
        var lobby = await LobbySummaryAsync() with { Topic = "" };

        var header = Render<RoomHeader>(p => p.Add(x => x.Room, lobby));

        Assert.Empty(header.FindAll("[data-testid=room-topic]"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheWhoIsHereButtonTogglesThePanelAndSaysWhetherItIsOpen(bool open)
    {
        bool? toldOpen = null;
        var lobby = await LobbySummaryAsync();
        var header = Render<RoomHeader>(p => p
            .Add(x => x.Room, lobby)
            .Add(x => x.SidePanelOpen, open)
            .Add(x => x.SidePanelOpenChanged, value => toldOpen = value));
        var toggle = header.Find("[data-testid=room-side-toggle]");
        Assert.Equal(open ? "true" : "false", toggle.GetAttribute("aria-expanded"));

        toggle.Click();

        Assert.Equal(!open, toldOpen);
    }
}
