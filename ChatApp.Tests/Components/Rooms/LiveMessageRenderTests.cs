using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>What a message arriving live costs a tab that shows the room: the list, not the whole room.</summary>
public sealed class LiveMessageRenderTests : ChatComponentTest
{
    [Fact]
    public async Task AMessageArrivingRedrawsOnlyTheListAndScrollsItToTheEnd()
    {
        var module = JSInterop.SetupModule("./Components/Pages/Rooms/RoomView.razor.js");
        module.Setup<string?>("timeZone").SetResult("Asia/Kathmandu");
        module.SetupVoid("scrollToEnd").SetVoidResult();
        var page = Render<RoomView>(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=room-title]")));
        page.WaitForAssertion(() => Assert.NotEmpty(module.Invocations["scrollToEnd"]));
        var header = page.FindComponent<RoomHeader>();
        var side = page.FindComponent<RoomSidePanel>();
        var composer = page.FindComponent<Composer>();
        var (headerRenders, sideRenders, composerRenders) = (header.RenderCount, side.RenderCount, composer.RenderCount);
        var scrolls = module.Invocations["scrollToEnd"].Count;

        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "hi Alice");

        page.WaitForAssertion(() => Assert.Equal("hi Alice", page.Find("[data-testid=message-text]").TextContent));
        page.WaitForAssertion(() => Assert.Equal(scrolls + 1, module.Invocations["scrollToEnd"].Count));
        // Nothing else in the room changed, so nothing else was rendered again (in every tab of the room).
        Assert.Equal(headerRenders, header.RenderCount);
        Assert.Equal(sideRenders, side.RenderCount);
        Assert.Equal(composerRenders, composer.RenderCount);
    }
}
