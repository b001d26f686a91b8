using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Web.Components.Pages.Rooms;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>What a message arriving live costs a tab that shows the room: the list, not the whole room.</summary>
public sealed class LiveMessageRenderTests : ChatComponentTest
{
    [Fact]
    public async Task AMessageArrivingRedrawsOnlyTheListAndLeavesKeepingItAtTheEndToTheBrowser()
    {
        var module = JSInterop.SetupModule("./Components/Pages/Rooms/RoomView.razor.js");
        module.Setup<string?>("timeZone").SetResult("Asia/Kathmandu");
        module.SetupVoid("scrollToEnd").SetVoidResult();
        module.SetupVoid("watchReading", _ => true).SetVoidResult();
        var page = Render<RoomView>(p => p.Add(x => x.Slug, Room.LobbySlug));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=room-title]")));
        page.WaitForAssertion(() => Assert.NotEmpty(module.Invocations["scrollToEnd"]));
        // From here the browser keeps a list that is at its end there (RoomView.razor.js, watchReading).
        page.WaitForAssertion(() => Assert.NotEmpty(module.Invocations["watchReading"]));
        var header = page.FindComponent<RoomHeader>();
        var side = page.FindComponent<RoomSidePanel>();
        var composer = page.FindComponent<Composer>();
        var (headerRenders, sideRenders, composerRenders) = (header.RenderCount, side.RenderCount, composer.RenderCount);
        var scrolls = module.Invocations["scrollToEnd"].Count;

        await ChatService.SendAsync(Bob.Id, Lobby.Id, Guid.NewGuid(), "hi Alice");

        page.WaitForAssertion(() => Assert.Equal("hi Alice", page.Find("[data-testid=message-text]").TextContent));
        // No call per message and tab: in a room of a thousand tabs that was a thousand round trips per message.
        Assert.Equal(scrolls, module.Invocations["scrollToEnd"].Count);
        // Nothing else in the room changed, so nothing else was rendered again (in every tab of the room).
        Assert.Equal(headerRenders, header.RenderCount);
        Assert.Equal(sideRenders, side.RenderCount);
        Assert.Equal(composerRenders, composer.RenderCount);
    }
}
