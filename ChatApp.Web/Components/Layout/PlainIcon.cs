using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ChatApp.Web.Components.Layout;

/// <summary>
/// A Material icon as MudIcon draws it (same classes, so the same look), as markup instead of a component. Every
/// component in a tab costs the server its state and two render buffers for as long as the tab is open; the
/// drawer's icons never change, so they need none of that.
/// </summary>
public static class PlainIcon
{
    public static RenderFragment Small(string svgPath) => builder => Render(builder, svgPath, "mud-icon-size-small mud-nav-link-icon");

    private static void Render(RenderTreeBuilder builder, string svgPath, string classes)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", "mud-icon-root mud-icon-default mud-svg-icon " + classes);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, svgPath);
        builder.CloseElement();
    }
}
