using Bunit;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Components.Presence;

namespace ChatApp.Tests.Components.Presence;

/// <summary>
/// The online list's rows are markup made once per user state and shared by every tab: what a tab shows stays as it
/// was (hooks, text, encoding), and a change makes new markup only for the user it changed.
/// </summary>
public sealed class OnlineRowTests : ChatComponentTest
{
    private string Topic => RoomPresenceService.RoomTopic(Lobby.Id);

    private PresenceUser Shown(string userId) => Presence.List(Topic, Alice.Id).Get(userId)!;

    private IRenderedComponent<OnlineList> RenderList() => Render<OnlineList>(p => p.Add(x => x.Access, AliceInLobby));

    [Fact]
    public void EveryTabGetsTheSameRowForTheSameUser()
    {
        Presence.Track(Topic, Bob.Id, "b1", new PresenceInfo(Bob.DisplayName));

        Assert.Same(OnlineRow.Of(Shown(Bob.Id)), OnlineRow.Of(Shown(Bob.Id)));
    }

    [Fact]
    public void SomeoneElsesStatusChangeKeepsAnUnchangedUsersRow()
    {
        Presence.Track(Topic, Alice.Id, "a1", new PresenceInfo(Alice.DisplayName));
        Presence.Track(Topic, Bob.Id, "b1", new PresenceInfo(Bob.DisplayName));
        var aliceBefore = OnlineRow.Of(Shown(Alice.Id));
        var bobBefore = OnlineRow.Of(Shown(Bob.Id));

        Presence.SetStatus(Bob.Id, PresenceStatus.Busy);

        Assert.Same(aliceBefore, OnlineRow.Of(Shown(Alice.Id)));
        Assert.NotSame(bobBefore, OnlineRow.Of(Shown(Bob.Id)));
        Assert.Contains("data-status=\"busy\"", OnlineRow.Of(Shown(Bob.Id)).Html.Value);
        Assert.Contains("presence-busy", OnlineRow.Of(Shown(Bob.Id)).Html.Value);
    }

    [Fact]
    public void ANameOrColourWithMarkupInItShowsAsText()
    {
        const string name = "<b>Eve</b> & \"co\"";
        Presence.Track(Topic, "eve", "e1", new PresenceInfo(name, "red\" onclick=\"alert(1)"));

        var list = RenderList();

        var eve = list.Find("[data-testid=online-user]");
        Assert.Equal(name, eve.GetAttribute("data-user"));
        Assert.Equal(name, eve.QuerySelector(".online-user-name")!.TextContent);
        Assert.Empty(eve.QuerySelectorAll("b"));
        Assert.Null(eve.QuerySelector("[onclick]"));
    }

    [Fact]
    public void ARowShowsStatusAvatarAndTabs()
    {
        Presence.Track(Topic, Bob.Id, "b1", new PresenceInfo("Bob Stone", "#123456"));
        Presence.Track(Topic, Bob.Id, "b2", new PresenceInfo("Bob Stone", "#123456"));
        Presence.SetStatus(Bob.Id, PresenceStatus.Away);

        var list = RenderList();

        var bob = list.Find("[data-testid=online-user]");
        Assert.Equal("away", bob.GetAttribute("data-status"));
        Assert.Equal("2", bob.GetAttribute("data-connections"));
        Assert.Equal("BS", bob.QuerySelector(".mud-avatar")!.TextContent);
        Assert.Contains("#123456", bob.QuerySelector(".mud-avatar")!.GetAttribute("style"));
        Assert.Equal("Away", bob.QuerySelector(".presence-badge")!.GetAttribute("title"));
        Assert.Equal("×2", bob.QuerySelector(".online-user-tabs")!.TextContent);
    }

    [Fact]
    public void AThousandPeopleOnlineFitATabsSmallestRenderBufferForTheRowsItShows()
    {
        for (var i = 0; i < 1000; i++)
        {
            Presence.Track(Topic, $"user{i:D4}", $"c{i}", new PresenceInfo($"Person {i:D4}", "#123456"));
        }

        var list = RenderList();

        // Every open tab keeps the shown rows' frames twice (current and previous render) in arrays rented by powers
        // of two: two frames a row (a keyed element and the row's shared markup) and Virtualize's own few (spacers),
        // where an element with its hooks as attributes took ten a row (~24 rows in a tab: 256 frames, not 64).
        var rows = list.FindAll("[data-testid=online-user]");
        Assert.InRange(rows.Count, 10, 200);
        Assert.Equal("Person 0000", rows[0].GetAttribute("data-user"));
        Assert.Equal("1000", list.Find("[data-testid=online-count]").TextContent);
        var virtualize = list.FindComponent<Microsoft.AspNetCore.Components.Web.Virtualization.Virtualize<PresenceUser>>();
        Assert.InRange(RenderBuffers.FrameCount(Renderer, virtualize.ComponentId), rows.Count * 2, rows.Count * 2 + 16);
    }
}
