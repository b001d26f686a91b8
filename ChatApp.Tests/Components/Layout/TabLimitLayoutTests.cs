using Bunit;
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
}
