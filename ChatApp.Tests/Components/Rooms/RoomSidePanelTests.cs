using Bunit;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Components.Pages.Rooms;
using ChatApp.Web.Components.Presence;
using MudBlazor;

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

    [Fact]
    public void SomeoneJoiningRedrawsTheActivityOnceAndNotThePanelAroundIt()
    {
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);
        Presence.Track(topic, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        var panel = RenderPanel();
        panel.WaitForState(() => panel.FindAll("[data-testid=online-user]").Count == 1);
        // The activity is drawn again whenever the panel around it is (its time zone is a parameter of reference type).
        var activity = panel.FindComponent<RoomActivity>();
        var activityRenders = activity.RenderCount;

        Presence.Track(topic, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=presence-event][data-user=Bob]")));

        // Every open tab of the room does this for every change: each render is a batch sent and acknowledged.
        Assert.Equal(activityRenders + 1, activity.RenderCount);
    }

    [Fact]
    public void AnotherTabOrAStatusIsNotActivity()
    {
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);
        Presence.Track(topic, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        Presence.Track(topic, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        var panel = RenderPanel();
        panel.WaitForState(() => panel.FindAll("[data-testid=online-user]").Count == 2);
        var activity = panel.FindComponent<RoomActivity>();
        var renders = activity.RenderCount;

        Presence.Track(topic, Bob.Id, "bob-second-tab", new PresenceInfo("Bob"));
        panel.WaitForAssertion(() => Assert.Equal("2", panel.Find("[data-testid=online-user][data-user=Bob]").GetAttribute("data-connections")));
        Presence.SetStatus(Bob.Id, PresenceStatus.Busy);
        panel.WaitForAssertion(() => Assert.Equal("busy", panel.Find("[data-testid=online-user][data-user=Bob]").GetAttribute("data-status")));

        Assert.Empty(panel.FindAll("[data-testid=presence-event]"));
        Assert.Equal(renders, activity.RenderCount);
    }

    [Fact]
    public void InASmallRoomArrivalsAndDeparturesAlsoToast()
    {
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);
        Presence.Track(topic, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        var toasts = Render<MudSnackbarProvider>();
        var panel = RenderPanel();
        panel.WaitForState(() => panel.FindAll("[data-testid=online-user]").Count == 1);

        Presence.Track(topic, Bob.Id, "bob-tab", new PresenceInfo("Bob"));

        toasts.WaitForAssertion(() => Assert.Equal(["Bob joined"], Toasts(toasts)));
    }

    [Fact]
    public void InABigRoomArrivalsAreActivityButNotToasts()
    {
        var topic = RoomPresenceService.RoomTopic(Lobby.Id);
        Presence.Track(topic, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        for (var i = 0; i < RoomActivity.ToastUpToPeople; i++)
        {
            Presence.Track(topic, $"guest-{i}", $"guest-{i}-tab", new PresenceInfo($"Guest {i}"));
        }
        var toasts = Render<MudSnackbarProvider>();
        var panel = RenderPanel();
        panel.WaitForState(() => panel.FindAll("[data-testid=online-count]").Count == 1);

        Presence.Track(topic, Bob.Id, "bob-tab", new PresenceInfo("Bob"));

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=presence-event][data-user=Bob][data-kind=joined]")));
        Assert.Empty(Toasts(toasts));
    }

    [Theory]
    [InlineData(new[] { "Ann" }, "Ann")]
    [InlineData(new[] { "Ann", "Bob" }, "Ann and Bob")]
    [InlineData(new[] { "Ann", "Bob", "Cy" }, "Ann, Bob and Cy")]
    [InlineData(new[] { "Ann", "Bob", "Cy", "Di" }, "Ann, Bob, Cy and 1 other")]
    [InlineData(new[] { "Ann", "Bob", "Cy", "Di", "Ed" }, "Ann, Bob, Cy and 2 others")]
    public void AToastNamesThreePeopleAndCountsTheRest(string[] names, string shown) =>
        Assert.Equal(shown, RoomActivity.Names(names));

    private static string[] Toasts(IRenderedComponent<MudSnackbarProvider> toasts) =>
        toasts.FindAll(".mud-snackbar-content-message").Select(e => e.TextContent.Trim()).ToArray();
}
