using Bunit;
using ChatApp.Core.Chat.Direct;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Direct;

/// <summary>A direct conversation's header: the other person, live from presence, instead of a room's name.</summary>
public sealed class DirectPeerHeaderTests : ChatComponentTest
{
    private const string Site = RoomPresenceService.SiteTopic;

    private async Task<IRenderedComponent<RoomHeader>> RenderConversationAsync(string with)
    {
        var started = await Services.GetRequiredService<DirectMessages>().StartAsync(Alice.Id, with);
        var access = await AccessAsync(Alice.Id, started.Value!.RoomId);
        return Render<RoomHeader>(p => p.Add(x => x.Room, access.Room).Add(x => x.Access, access));
    }

    private static (string? User, string? Status) Peer(IRenderedComponent<RoomHeader> header)
    {
        var peer = header.Find("[data-testid=dm-peer]");
        return (peer.GetAttribute("data-user"), peer.GetAttribute("data-status"));
    }

    [Fact]
    public async Task ShowsTheOtherPersonAndFollowsTheirPresence()
    {
        var header = await RenderConversationAsync(Bob.Id);
        header.WaitForAssertion(() => Assert.Equal(("Bob", "offline"), Peer(header)));
        Assert.DoesNotContain("#", header.Find("[data-testid=room-title]").TextContent);

        Presence.Track(Site, Bob.Id, "bob-tab", new PresenceInfo("Bob"));
        header.WaitForAssertion(() => Assert.Equal(("Bob", "online"), Peer(header)));

        Presence.SetStatus(Bob.Id, PresenceStatus.Away);
        header.WaitForAssertion(() => Assert.Equal(("Bob", "away"), Peer(header)));

        Presence.Untrack(Site, Bob.Id, "bob-tab");
        Chat.Time.Advance(Chat.Presence.LeaveDebounce);
        header.WaitForAssertion(() => Assert.Equal(("Bob", "offline"), Peer(header)));
    }

    [Fact]
    public async Task NotesToOneselfShowTheViewer()
    {
        var header = await RenderConversationAsync(Alice.Id);

        header.WaitForAssertion(() => Assert.Equal("Alice", Peer(header).User));
        Assert.Contains("(you)", header.Find("[data-testid=dm-peer]").TextContent);
    }

    [Fact]
    public void ARoomKeepsItsNameAndHasNoPeer()
    {
        var header = Render<RoomHeader>(p => p.Add(x => x.Room, AliceInLobby.Room).Add(x => x.Access, AliceInLobby));

        Assert.Equal($"# {AliceInLobby.Room.Name}", header.Find("[data-testid=room-title]").TextContent.Trim());
        Assert.Empty(header.FindAll("[data-testid=dm-peer]"));
    }
}
