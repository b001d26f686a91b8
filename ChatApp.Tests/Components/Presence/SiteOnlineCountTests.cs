using Bunit;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Components.Presence;

namespace ChatApp.Tests.Components.Presence;

/// <summary>The app bar's "N online": people, not tabs, and drawn again only when the number changes.</summary>
public sealed class SiteOnlineCountTests : ChatComponentTest
{
    private const string Site = RoomPresenceService.SiteTopic;

    [Fact]
    public void CountsPeopleAsTheyComeAndGo()
    {
        Presence.Track(Site, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        var count = Render<SiteOnlineCount>();
        Assert.Equal("1", count.Find("[data-testid=site-online-count]").TextContent);

        Presence.Track(Site, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        count.WaitForAssertion(() => Assert.Equal("2", count.Find("[data-testid=site-online-count]").TextContent));

        Presence.Untrack(Site, Bob.Id, "bob-tab");
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);
        count.WaitForAssertion(() => Assert.Equal("1", count.Find("[data-testid=site-online-count]").TextContent));
    }

    [Fact]
    public void AnotherTabOrAStatusLeavesTheCountUndrawn()
    {
        Presence.Track(Site, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        Presence.Track(Site, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        var count = Render<SiteOnlineCount>();
        var renders = count.RenderCount;

        // Every open tab on the site hears each of these: a redraw would be a render batch per tab for nothing.
        Presence.Track(Site, Bob.Id, "bob-second-tab", new PresenceInfo("Bob"));
        Presence.SetStatus(Bob.Id, PresenceStatus.Busy);
        Presence.Track(Site, "carol", "carol-tab", new PresenceInfo("Carol"));

        count.WaitForAssertion(() => Assert.Equal("3", count.Find("[data-testid=site-online-count]").TextContent));
        Assert.Equal(renders + 1, count.RenderCount);
    }

    [Fact]
    public async Task PeopleArrivingFromManyThreadsEndOnTheRightCount()
    {
        Presence.Track(Site, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        var count = Render<SiteOnlineCount>();

        // Changes cross on their way to the renderer: whichever lands last, the number shown is the last one reported.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                Presence.Track(Site, $"person-{thread}-{i}", $"tab-{thread}-{i}", new PresenceInfo($"Person {thread} {i}"));
            }
        })));

        count.WaitForAssertion(() => Assert.Equal("81", count.Find("[data-testid=site-online-count]").TextContent));
    }
}
