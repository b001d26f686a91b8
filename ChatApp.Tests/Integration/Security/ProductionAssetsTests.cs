using System.Net;
using System.Text.RegularExpressions;
using static ChatApp.Tests.Integration.Security.SecurityTestHost;

namespace ChatApp.Tests.Integration.Security;

public sealed class ProductionAssetsTests : IAsyncLifetime
{
    private readonly ChatAppFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task InProductionEveryScriptAndStylesheetAPageLinksIsServed()
    {
        var client = app.In("Production").Client();
        var html = await (await client.GetFromAsync("/Account/Login", Stranger)).Content.ReadAsStringAsync();

        var assets = Regex.Matches(html, "<(?:script|link)[^>]*(?:src|href)=\"([^\"]+\\.(?:js|css))\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains(assets, a => a.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await client.GetFromAsync("/" + asset, Stranger);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
        }
    }
}
