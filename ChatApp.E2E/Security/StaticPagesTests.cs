using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;

namespace ChatApp.E2E.Security;

/// <summary>What a stranger can open costs the server no circuit: plain HTML, no WebSocket.</summary>
[Collection(AppCollection.Name)]
public sealed class StaticPagesTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Theory]
    [InlineData("/Account/Login", "login-email")]
    [InlineData("/Account/Register", "register-email")]
    [InlineData("/no-such-page", "not-found")]
    [InlineData("/wp-login.php", "not-found")]
    [InlineData("/Error", "error-page")]
    public async Task AnAnonymousVisitorsPageOpensNoCircuit(string path, string shown)
    {
        var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl });
        var page = await context.NewPageAsync();
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);

        await page.GotoAsync(path);
        await page.GetByTestId(shown).WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(sockets);
        await context.CloseAsync();
    }
}
