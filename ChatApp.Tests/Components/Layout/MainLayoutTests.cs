using Bunit;
using ChatApp.Web.Components.Layout;
using ChatApp.Web.Rooms;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ChatApp.Tests.Components.Layout;

/// <summary>
/// The frame around every page is in every open tab for the tab's whole life, so it is drawn as MudBlazor's markup
/// without MudBlazor's components (each would cost every tab its state and render buffers), and the theme, the drawer
/// and dark mode are the browser's (App.razor, layout.js).
/// </summary>
public sealed class MainLayoutTests : ChatComponentTest
{
    public MainLayoutTests() => Services.AddScoped<VisibleRooms>();

    private static readonly RenderFragment Page = b => b.AddMarkupContent(0, "<p data-testid=\"page\">page</p>");

    [Fact]
    public void ASignedInTabsFrameHasTheAppBarDrawerAndPageWithoutAComponentForTheirParts()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, Page));

        layout.WaitForAssertion(() => Assert.NotEmpty(layout.FindAll("[data-testid=room-link]")));
        Assert.Single(layout.FindAll("[data-testid=page]"));
        Assert.Single(layout.FindAll("[data-testid=user-menu]"));
        Assert.Single(layout.FindAll("[data-testid=site-online-count]"));
        Assert.Single(layout.FindAll("[data-testid=dark-mode-toggle][data-dark-mode-toggle]"));
        Assert.Single(layout.FindAll("button[data-drawer-toggle][aria-label='Toggle navigation']"));
        Assert.Single(layout.FindAll("aside.mud-drawer.mud-drawer--open"));

        // Nothing of MudBlazor per tab but the snackbars (the room's join/leave notices): no theme, popover or dialog
        // provider, no layout, app bar, drawer, button or icon components.
        var mud = layout.FindComponents<MudComponentBase>().Select(c => c.Instance.GetType()).ToList();
        Assert.All(mud, type => Assert.Equal(typeof(MudSnackbarProvider), type));
        Assert.Empty(layout.FindComponents<MudThemeProvider>());
        Assert.Empty(layout.FindComponents<MudPopoverProvider>());
        Assert.Empty(layout.FindComponents<MudDialogProvider>());
        Assert.Single(layout.FindComponents<MudSnackbarProvider>());
    }

    [Fact]
    public void ASignedOutPageHasTheAppBarButNoDrawerMenuOrPresence()
    {
        SignOut();

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, Page));

        Assert.Single(layout.FindAll("[data-testid=page]"));
        Assert.Single(layout.FindAll("[data-testid=dark-mode-toggle]"));
        Assert.Empty(layout.FindAll("aside.mud-drawer"));
        Assert.Empty(layout.FindAll("[data-testid=user-menu]"));
        Assert.Empty(layout.FindAll("[data-testid=site-online-count]"));
    }
}
