namespace ChatApp.Web.Components.Layout;

/// <summary>
/// The classes MudIconButton and MudButton put on their &lt;button&gt;, for buttons drawn as plain markup (with
/// <see cref="PlainIcon"/>) where the component would bring nothing but its per-tab cost: these buttons are in every
/// open tab for its whole life. Constants, so no class string is built per render.
/// </summary>
public static class PlainButton
{
    /// <summary>MudIconButton, Color.Inherit (the app bar's buttons).</summary>
    public const string AppBarIcon = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";

    /// <summary>MudIconButton, Color.Inherit, Edge.Start (the drawer's button).</summary>
    public const string AppBarIconEdgeStart = AppBarIcon + " mud-icon-button-edge-start";

    /// <summary>MudIconButton with the default colour and size.</summary>
    public const string Icon = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon";

    /// <summary>MudIconButton, Size.Small.</summary>
    public const string SmallIcon = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small";

    /// <summary>MudButton, Variant.Text, Color.Inherit.</summary>
    public const string AppBarText = "mud-button-root mud-button mud-button-text mud-button-text-inherit mud-button-text-size-medium mud-ripple";

    /// <summary>MudButton, Variant.Filled, Color.Primary.</summary>
    public const string FilledPrimary = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple";

    /// <summary>Added by MudButton when disabled.</summary>
    public const string FilledPrimaryDisabled = FilledPrimary + " mud-button-disabled";
}
