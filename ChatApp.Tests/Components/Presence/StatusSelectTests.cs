using Bunit;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Components.Presence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Presence;

public sealed class StatusSelectTests : ChatComponentTest
{
    private const string Site = RoomPresenceService.SiteTopic;

    private static string Shown(IRenderedComponent<StatusSelect> select) =>
        select.Find("[data-testid=status-select]").GetAttribute("value")!;

    [Fact]
    public async Task PickingBusyShowsEveryTabBusyAndIsSaved()
    {
        Presence.Track(Site, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        Presence.Track(Site, Alice.Id, "alice-other-tab", new PresenceInfo("Alice"));
        var select = Render<StatusSelect>();
        Assert.Equal("online", Shown(select));

        await select.Find("[data-testid=status-select]").ChangeAsync(new() { Value = "busy" });

        Assert.All(Presence.Get(Site, Alice.Id, Bob.Id)!.Metas, m => Assert.Equal(PresenceStatus.Busy, m.Status));
        await using var db = await Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        Assert.Equal(PresenceStatus.Busy, (await db.Users.SingleAsync(u => u.Id == Alice.Id)).ChosenStatus);
        select.WaitForAssertion(() => Assert.Equal("busy", Shown(select)));
    }

    [Fact]
    public void FollowsAChoiceMadeInAnotherTab()
    {
        Presence.Track(Site, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        var select = Render<StatusSelect>();

        Presence.SetStatus(Alice.Id, PresenceStatus.Invisible);

        select.WaitForAssertion(() => Assert.Equal("invisible", Shown(select)));
    }

    [Fact]
    public async Task AStatusNobodyCanChooseChangesNothing()
    {
        Presence.Track(Site, Alice.Id, ConnectionId, new PresenceInfo("Alice"));
        var select = Render<StatusSelect>();

        await select.Find("[data-testid=status-select]").ChangeAsync(new() { Value = "reconnecting" });

        Assert.Equal(PresenceStatus.Online, Presence.ChosenStatus(Alice.Id));
        Assert.Equal("online", Shown(select));
    }
}
