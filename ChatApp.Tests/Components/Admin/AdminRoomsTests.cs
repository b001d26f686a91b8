using Bunit;
using ChatApp.Core.Admin;
using ChatApp.Web.Components.Pages.Admin;
using MudBlazor;

namespace ChatApp.Tests.Components.Admin;

public sealed class AdminRoomsTests : AdminComponentTest
{
    private async Task<IRenderedComponent<AdminRooms>> RenderAsAdminAsync()
    {
        await MakeAliceAdminAsync();
        Render<MudPopoverProvider>();
        var page = Render<AdminRooms>();
        page.WaitForState(() => page.FindAll("[data-testid=admin-room]").Count > 0);
        return page;
    }

    [Fact]
    public async Task ListsEveryRoomWithItsKindAndState()
    {
        await MakeAliceAdminAsync();
        await RoomAdmin.CreateRoomAsync(Alice.Id, new RoomDraft("Hidden", null, "", IsPrivate: true));
        var page = await RenderAsAdminAsync();

        var rows = page.FindAll("[data-testid=admin-room]");
        Assert.Equal(["hidden", "lobby"], rows.Select(r => r.GetAttribute("data-room")));
        Assert.Equal(["true", "false"], rows.Select(r => r.GetAttribute("data-private")));
        Assert.All(rows, r => Assert.Equal("false", r.GetAttribute("data-archived")));
    }

    [Fact]
    public async Task CreatingARoomAddsItsRow()
    {
        var page = await RenderAsAdminAsync();

        page.Find("input[data-testid=room-name-input]").Input("Release Planning");
        page.Find("input[data-testid=room-topic-input]").Input("what ships when");
        page.Find("input[data-testid=room-private-toggle]").Change(true);
        page.Find("[data-testid=room-create-submit]").Click();

        page.WaitForAssertion(() =>
        {
            var row = page.Find("[data-testid=admin-room][data-room=release-planning]");
            Assert.Equal("true", row.GetAttribute("data-private"));
            Assert.Contains("what ships when", row.TextContent);
        });
        Assert.Equal("", page.Find("input[data-testid=room-name-input]").GetAttribute("value") ?? "");
    }

    [Theory]
    [InlineData("x", "", "2 to 50 characters")]
    [InlineData("Good name", "Bad Slug", "lower-case letters")]
    [InlineData("Lobby", "", "already used")]
    public async Task InvalidRoomShowsTheReasonAndAddsNothing(string name, string slug, string reason)
    {
        var page = await RenderAsAdminAsync();

        page.Find("input[data-testid=room-name-input]").Input(name);
        page.Find("input[data-testid=room-slug-input]").Input(slug);
        page.Find("[data-testid=room-create-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains(reason, page.Find("[data-testid=error-message]").TextContent));
        Assert.Single(page.FindAll("[data-testid=admin-room]"));
        Assert.Equal(name, page.Find("input[data-testid=room-name-input]").GetAttribute("value"));
    }

    [Fact]
    public async Task ArchivingFlipsTheRowState()
    {
        var page = await RenderAsAdminAsync();

        page.Find("[data-testid=admin-room][data-room=lobby] [data-testid=room-archive]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=admin-room][data-room=lobby]").GetAttribute("data-archived")));
        Assert.NotNull(page.Find("[data-testid=admin-room][data-room=lobby] [data-testid=room-unarchive]"));
    }

    [Fact]
    public void NonAdminGetsAccessDeniedAndNoRooms()
    {
        var page = Render<AdminRooms>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.Empty(page.FindAll("[data-testid=admin-room]"));
        Assert.Empty(page.FindAll("[data-testid=room-create-submit]"));
    }
}
