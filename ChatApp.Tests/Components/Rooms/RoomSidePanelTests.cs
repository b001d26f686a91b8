using Bunit;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>Beside the messages: who is in the room, and its activity (who joined and left).</summary>
public sealed class RoomSidePanelTests : ChatComponentTest
{
    private IRenderedComponent<RoomSidePanel> RenderPanel(bool open = false, Action<bool>? openChanged = null) =>
        Render<RoomSidePanel>(p => p
            .Add(x => x.Access, AliceInLobby)
            .Add(x => x.Open, open)
            .Add(x => x.OpenChanged, openChanged ?? (_ => { })));

    [Fact]
    public void ShowsJoinAndLeaveNoticesForOthers()
    {
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);
        Presence.Track(topic, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        var panel = RenderPanel();
        panel.WaitForState(() => panel.FindAll("[data-testid=online-user]").Count == 1);

        Presence.Track(topic, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=presence-event][data-user=Bob][data-kind=joined]")));
        Presence.Untrack(topic, Bob.Id, "bob-tab");
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=presence-event][data-user=Bob][data-kind=left]")));
        Assert.Empty(panel.FindAll("[data-testid=presence-event][data-user=Alice]"));
    }

    [Fact]
    public void TheActivityKeepsTheLatestHundredNotices()
    {
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);
        var panel = RenderPanel();
        panel.WaitForState(() => panel.FindAll("[data-testid=online-count]").Count == 1);

        for (var i = 0; i < 55; i++)
        {
            Presence.Track(topic, $"guest-{i}", $"guest-{i}-tab", new PresenceInfo($"Guest {i}"));
            panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid=presence-event][data-user='Guest {i}']")));
            Presence.Untrack(topic, $"guest-{i}", $"guest-{i}-tab");
            Chat.Time.Advance(Chat.Presence.LeaveDebounce);
            panel.WaitForAssertion(() => Assert.Single(panel.FindAll($"[data-testid=presence-event][data-user='Guest {i}'][data-kind=left]")));
        }

        var notices = panel.FindAll("[data-testid=presence-event]");
        Assert.Equal(RoomActivity.MaxNotices, notices.Count);
        Assert.Equal("Guest 5", notices[0].GetAttribute("data-user"));
        Assert.Equal("Guest 54", notices[^1].GetAttribute("data-user"));
    }

    [Fact]
    public void TheCloseButtonClosesThePanelOverTheMessages()
    {
        bool? toldOpen = null;
        var panel = RenderPanel(open: true, openChanged: open => toldOpen = open);
        Assert.Contains("open", panel.Find("aside").ClassList);

        panel.Find("[data-testid=room-side-close]").Click();

        Assert.False(toldOpen);
    }
}
