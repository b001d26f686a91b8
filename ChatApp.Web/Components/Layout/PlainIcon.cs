using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ChatApp.Web.Components.Layout;

/// <summary>
/// A Material icon as MudIcon draws it (same classes, so the same look), as markup instead of a component. Every
/// component in a tab costs the server its state and two render buffers for as long as the tab is open; the
/// layout's icons never change, so they need none of that.
/// </summary>
public static class PlainIcon
{
    public static RenderFragment Small(string svgPath) => builder => Render(builder, svgPath, "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-small mud-nav-link-icon");

    /// <summary>An icon as MudIconButton and MudButton draw theirs; <paramref name="extraClass"/> is added.</summary>
    public static RenderFragment Medium(string svgPath, string? extraClass = null) =>
        builder => Render(builder, svgPath, extraClass is null ? MediumClasses : MediumClasses + " " + extraClass);

    /// <summary>A small icon button's icon (MudIconButton Size.Small).</summary>
    public static RenderFragment SmallButton(string svgPath) => builder => Render(builder, svgPath, "mud-icon-root mud-svg-icon mud-icon-size-small");

    private const string MediumClasses = "mud-icon-root mud-svg-icon mud-icon-size-medium";

    private static void Render(RenderTreeBuilder builder, string svgPath, string classes)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", classes);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, svgPath);
        builder.CloseElement();
    }
}
