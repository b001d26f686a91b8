using Bunit;
using Bunit.TestDoubles;
using ChatApp.Web.Circuits;
using ChatApp.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Components.Layout;

public sealed class TabLimitLayoutTests : ChatComponentTest
{
    [Fact]
    public void ATabOverTheLimitShowsWhyInsteadOfTheApp()
    {
        Services.GetRequiredService<CircuitState>().OverTabLimit = 20;

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p data-testid=\"page\">page</p>"))));

        var message = layout.Find("[data-testid=tab-limit]");
        Assert.Contains("You have 20 tabs open: close one to use ChatApp here", message.TextContent);
        Assert.Empty(layout.FindAll("[data-testid=page]"));
        Assert.Empty(layout.FindAll("[data-testid=site-online-count]"));
        Assert.Empty(layout.FindAll("[data-testid=user-menu]"));
    }

    [Fact]
    public async Task ATabThatGotACircuitOverTheLimitReloadsAndIsEndedByTheServerIfItDoesNot()
    {
        Services.GetRequiredService<CircuitState>().OverTabLimit = 20;
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("rooms/lobby");

        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>page</p>"))));

        var reload = navigation.History.First();
        Assert.EndsWith("/rooms/lobby", reload.Uri);
        Assert.True(reload.Options.ForceLoad);
        Assert.False(Renderer.UnhandledException.IsCompleted);

        Chat.Time.Advance(TabLimitNotice.ReloadGrace);

        var ended = await Renderer.UnhandledException.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<TabLimitExceededException>(ended);
    }
}
