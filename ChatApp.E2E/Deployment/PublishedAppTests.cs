using ChatApp.E2E.Infrastructure;
using ChatApp.E2E.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Deployment;

/// <summary>
/// In the "app" collection only so that it never runs beside the other browser tests: publishing and a second app
/// on two cores would slow them all. It uses its own published app, not the collection's host.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PublishedAppTests(PublishedApp published) : IClassFixture<PublishedApp>
{
    private const string Password = "Tangerine-Kite-42";

    [Fact(Timeout = 300_000)]
    public async Task ThePublishedAppInProductionLetsTwoPeopleChatAndSeeEachOther()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (alice, bob) = ($"Alice{suffix}", $"Bob{suffix}");
        var (a, aliceWatch, aliceFailures) = await NewPersonAsync();
        var (b, bobWatch, bobFailures) = await NewPersonAsync();

        await RegisterAsync(a, alice);
        await OpenLobbyAsync(a);
        await a.Locator("textarea[data-testid=message-input]").FillAsync($"hello from {alice}");
        await a.Locator("textarea[data-testid=message-input]").PressAsync("Enter");
        await RegisterAsync(b, bob);
        await OpenLobbyAsync(b);

        await Expect(b.Locator($"[data-testid=online-user][data-user=\"{alice}\"]")).ToBeVisibleAsync();
        await Expect(a.Locator($"[data-testid=online-user][data-user=\"{bob}\"]")).ToBeVisibleAsync();
        await Expect(b.GetByTestId("message").Filter(new() { HasText = $"hello from {alice}" })).ToHaveCountAsync(1);
        Assert.True(aliceFailures.IsEmpty && bobFailures.IsEmpty,
            "Files the pages asked for failed:\n" + string.Join("\n", aliceFailures.Concat(bobFailures)) + "\n" + published.Output);
        aliceWatch.AssertNone();
        bobWatch.AssertNone();
    }

    [Fact(Timeout = 120_000)]
    public async Task TheAdministratorFromTheSettingsCanSignIn()
    {
        var (page, watch, failures) = await NewPersonAsync();

        await page.GotoAsync("/Account/Login");
        await page.GetByTestId("login-email").FillAsync(PublishedApp.Admin.Email);
        await page.GetByTestId("login-password").FillAsync(PublishedApp.Admin.Password);
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("admin-link")).ToBeVisibleAsync();
        Assert.Empty(failures);
        watch.AssertNone();
    }

    private async Task<(IPage Page, BrowserPolicyWatch Watch, System.Collections.Concurrent.ConcurrentQueue<string> Failures)> NewPersonAsync()
    {
        var context = await published.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = published.BaseUrl });
        context.SetDefaultTimeout(60_000);
        var watch = await BrowserPolicyWatch.AttachAsync(context);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        context.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failures.Enqueue($"{response.Status} {response.Url}");
            }
        };
        context.RequestFailed += (_, request) => failures.Enqueue($"failed {request.Url}: {request.Failure}");
        return (await context.NewPageAsync(), watch, failures);
    }

    private static async Task RegisterAsync(IPage page, string name)
    {
        await page.GotoAsync("/Account/Register");
        await page.GetByTestId("register-email").FillAsync($"{name.ToLowerInvariant()}@example.test");
        await page.GetByTestId("register-displayname").FillAsync(name);
        await page.GetByTestId("register-password").FillAsync(Password);
        await page.GetByTestId("register-confirm-password").FillAsync(Password);
        await page.GetByTestId("register-submit").ClickAsync();
        await page.WaitForAddressAsync("**/rooms");
        await page.GetByTestId("user-menu").WaitForAsync();
    }

    private static async Task OpenLobbyAsync(IPage page)
    {
        await page.GotoAsync("/rooms/lobby");
        await page.Locator("textarea[data-testid=message-input][data-enter-to-send=true]").WaitForAsync();
    }
}
