using ChatApp.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Diagnostics;

/// <summary>The safety nets every end-to-end test stands on: CSP violations fail it, and its tabs end with it.</summary>
[Collection(AppCollection.Name)]
public sealed class TestRunTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public async Task AScriptBlockedByTheContentSecurityPolicyFailsTheTest()
    {
        var page = await App.NewPersonAsync();
        // One response, the sign-in page, comes with a policy that allows no script at all: its own scripts break it.
        await page.Context.RouteAsync("**/Account/Login", async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = "script-src 'none'" };
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });

        await page.GotoAsync("/Account/Login");
        await page.GetByTestId("login-email").WaitForAsync();
        await WaitUntilAsync(() => Run.Browser.CspViolations.Count > 0);

        var failure = Assert.Throws<XunitException>(Run.ThrowIfCspViolations);
        Assert.Contains("script-src", failure.Message);
        // Seen and judged: the run may end green now.
        Run.Browser.ClearCspViolations();
    }

    [Fact]
    public async Task PagesWithoutAPolicyProblemReportNoViolation()
    {
        var page = await App.NewPersonAsync();
        await page.RegisterAsync(Person.New("Clean"));
        await page.OpenRoomAsync("lobby");

        Assert.Empty(Run.Browser.CspViolations);
        Assert.Contains(Run.Browser.Lines, l => l.Kind == "websocket.open" && l.Text.Contains("_blazor"));
    }

    [Fact]
    public async Task TabsOfAFinishedTestAreClosedAndItsPeopleLeave()
    {
        var (watcher, other) = (await App.NewPersonAsync(), Person.New("Leaver"));
        await watcher.RegisterAsync(Person.New("Stayer"));
        await watcher.OpenRoomAsync("lobby");
        var leaverRun = await App.BeginTestAsync(Output);
        var leaver = await App.NewPersonAsync();
        await leaver.RegisterAsync(other);
        await leaver.OpenRoomAsync("lobby");
        await Expect(watcher.OnlineUser(other)).ToHaveCountAsync(1);

        await App.EndTestAsync(leaverRun);

        Assert.True(leaver.IsClosed);
        await Expect(watcher.OnlineUser(other)).ToHaveCountAsync(0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition(), "the condition never came true");
    }
}
