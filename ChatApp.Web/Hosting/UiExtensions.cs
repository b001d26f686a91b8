using ChatApp.Web.Components;
using MudBlazor;
using MudBlazor.Services;

namespace ChatApp.Web.Hosting;

public static class UiExtensions
{
    public static void AddChatUi(this WebApplicationBuilder builder)
    {
        // Serves the files of MudBlazor and the framework (_content/…, _framework/…) from the build output in every
        // environment, as ASP.NET does by itself only in Development; a published app has them in wwwroot and no
        // manifest, so this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        var ui = builder.Configuration.GetSection(UiOptions.SectionName).Get<UiOptions>() ?? new UiOptions();
        builder.Services.AddOptions<UiOptions>().BindConfiguration(UiOptions.SectionName);
        builder.Services.AddMudServices(config =>
        {
            // Each tab's popover service runs a periodic timer of this period once a popover has rendered: see UiOptions.
            config.PopoverOptions.QueueDelay = ui.PopoverDetachDelay;
            // Bottom left keeps notices clear of the app bar, the user menu and the room's online list.
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            config.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
    }

    public static void UseChatUi(this WebApplication app)
    {
        // Error pages (and who may see details) are part of UseChatSecurity, which runs before this.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
    }
}
