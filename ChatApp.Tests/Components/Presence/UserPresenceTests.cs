using Bunit;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Components.Presence;
using ChatApp.Web.Presence;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Presence;

public sealed class UserPresenceTests : ChatComponentTest
{
    private const string Site = RoomPresenceService.SiteTopic;

    private IRenderedComponent<UserPresence> RenderBob(Action<bool>? onlineChanged = null) =>
        Render<UserPresence>(p => p
            .Add(x => x.UserId, Bob.Id)
            .Add(x => x.DisplayName, "Bob")
            .Add(x => x.OnlineChanged, online => onlineChanged?.Invoke(online)));

    private static string Status(IRenderedComponent<UserPresence> dot) =>
        dot.Find("[data-testid=user-presence]").GetAttribute("data-status")!;

    [Fact]
    public void FollowsSomeoneFromOfflineToBusyAndBack()
    {
        var changes = new List<bool>();
        var dot = RenderBob(changes.Add);
        Assert.Equal("offline", Status(dot));

        Presence.Track(Site, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        dot.WaitForAssertion(() => Assert.Equal("online", Status(dot)));

        Presence.SetStatus(Bob.Id, PresenceStatus.Busy);
        dot.WaitForAssertion(() => Assert.Equal("busy", Status(dot)));

        Presence.Untrack(Site, Bob.Id, "bob-tab");
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);
        dot.WaitForAssertion(() => Assert.Equal("offline", Status(dot)));
        Assert.Equal([true, false], changes);
    }

    [Fact]
    public void AnInvisibleUserLooksOffline()
    {
        Presence.Track(Site, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        var dot = RenderBob();
        dot.WaitForAssertion(() => Assert.Equal("online", Status(dot)));

        Presence.SetStatus(Bob.Id, PresenceStatus.Invisible);

        dot.WaitForAssertion(() => Assert.Equal("offline", Status(dot)));
    }

    [Fact]
    public async Task StopsListeningWhenDisposed()
    {
        var site = Services.GetRequiredService<SitePresence>();
        RenderBob();
        RenderBob();
        Assert.Equal(2, site.WatcherCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, site.WatcherCount);
    }
}
