using Bunit;
using Bunit.TestDoubles;
using ChatApp.Web.Components.Layout;
using ChatApp.Web.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Layout;

/// <summary>The drawer's links: plain anchors, with the current page marked as NavLink marked it.</summary>
public sealed class RoomNavTests : ChatComponentTest
{
    public RoomNavTests() => Services.AddScoped<VisibleRooms>();

    [Fact]
    public void TheCurrentPagesLinkIsMarkedAndTheMarkFollowsNavigation()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("rooms/lobby");

        var nav = Render<RoomNav>();

        nav.WaitForAssertion(() => Assert.Equal("page", nav.Find("[data-testid=room-link][data-room=lobby]").GetAttribute("aria-current")));
        Assert.Contains("active", nav.Find("[data-testid=room-link][data-room=lobby]").ClassList);
        Assert.False(nav.Find("[data-testid=people-link]").HasAttribute("aria-current"));

        navigation.NavigateTo("people?tab=all");

        nav.WaitForAssertion(() => Assert.Equal("page", nav.Find("[data-testid=people-link]").GetAttribute("aria-current")));
        Assert.False(nav.Find("[data-testid=room-link][data-room=lobby]").HasAttribute("aria-current"));
        Assert.DoesNotContain("active", nav.Find("[data-testid=room-link][data-room=lobby]").ClassList);
    }

    [Fact]
    public void ARoomWhoseSlugStartsLikeTheCurrentOneIsNotMarked()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("rooms/lobby-archive");

        var nav = Render<RoomNav>();

        nav.WaitForAssertion(() => Assert.NotEmpty(nav.FindAll("[data-testid=room-link][data-room=lobby]")));
        Assert.False(nav.Find("[data-testid=room-link][data-room=lobby]").HasAttribute("aria-current"));
    }
}
