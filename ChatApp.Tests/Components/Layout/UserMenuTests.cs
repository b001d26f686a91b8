using Bunit;
using ChatApp.Web.Components.Layout;
using MudBlazor;

namespace ChatApp.Tests.Components.Layout;

public sealed class UserMenuTests : ChatComponentTest
{
    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderMenu() =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<UserMenu>(1);
            builder.CloseComponent();
        });

    [Fact]
    public async Task AClosedMenuHoldsNothingAndOpensWithTheStatusPickerAndSignOut()
    {
        var page = RenderMenu();
        // Every open tab has this menu: closed, it is one button, not a popover with its list and overlay.
        Assert.Empty(page.FindComponents<MudPopover>());
        Assert.Empty(page.FindAll("[data-testid=status-select]"));

        await page.Find("[data-testid=user-menu]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=status-select]")));
        Assert.Single(page.FindAll("[data-testid=logout-button]"));
        Assert.Equal("true", page.Find("[data-testid=user-menu]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task ChoosingAStatusClosesTheMenu()
    {
        var page = RenderMenu();
        await page.Find("[data-testid=user-menu]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=status-select]")));

        await page.Find("[data-testid=status-select]").ChangeAsync(new() { Value = "busy" });

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=status-select]")));
        Assert.Empty(page.FindComponents<MudPopover>());
    }
}
