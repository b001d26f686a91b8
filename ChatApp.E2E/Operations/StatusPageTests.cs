using System.Globalization;
using ChatApp.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Operations;

/// <summary>
/// The live status page in a real browser, on an app of its own (no other test's traffic in its figures) that samples
/// every second instead of every ten.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StatusPageTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private KestrelAppFactory factory = default!;
    private string baseUrl = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new KestrelAppFactory(settings: new Dictionary<string, string> { ["Status:SampleEvery"] = "00:00:01" });
        baseUrl = factory.Start();
        Run.WatchServer(factory.Log, "status-app");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await factory.DisposeAsync();
    }

    private async Task<IPage> NewTabAsync() => await (await App.NewContextAsync(new() { BaseURL = baseUrl })).NewPageAsync();

    /// <summary>The admin's status page once its first figures are in, marked so that a reload would show.</summary>
    private async Task<IPage> OpenStatusAsync()
    {
        var admin = await NewTabAsync();
        await admin.SignInAsync(KestrelAppFactory.Admin);
        await admin.WaitForCircuitAsync();
        await admin.GotoAsync("/admin/status");
        await Expect(admin.Locator("[data-testid=status-node]:not([data-node=all])")).ToHaveCountAsync(1);
        await admin.EvaluateAsync("() => window.statusPageNotReloaded = true");
        return admin;
    }

    private static ILocator Metric(IPage page, string metric) => page.Locator($"[data-testid=status-metric][data-metric={metric}]");

    private static async Task<int> ValueAsync(IPage page, string metric) =>
        int.Parse((await Metric(page, metric).TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.statusPageNotReloaded === true"));

    [Fact]
    public async Task AnAdminSeesTheCircuitsFigureRiseWhenSomeoneOpensATabWithoutReloading()
    {
        var admin = await OpenStatusAsync();
        await Expect(Metric(admin, "circuits")).Not.ToHaveTextAsync("0");
        var before = await ValueAsync(admin, "circuits");

        var other = await NewTabAsync();
        await other.RegisterAsync(Person.New("Watcher"));
        await other.OpenRoomAsync("lobby");

        await Expect(Metric(admin, "circuits")).Not.ToHaveTextAsync(before.ToString(CultureInfo.InvariantCulture));
        Assert.True(await ValueAsync(admin, "circuits") > before);
        await Expect(admin.Locator("[data-testid=status-chart][data-metric=users-online] svg")).ToHaveCountAsync(1);
        await AssertNotReloadedAsync(admin);
    }

    [Fact]
    public async Task AnAdminSeesMessagesPerMinuteChangeWhenAMessageIsSentInAnotherTab()
    {
        var admin = await OpenStatusAsync();
        await Expect(Metric(admin, "messages-per-minute")).ToHaveTextAsync("0");
        var sender = await NewTabAsync();
        var person = Person.New("Sender");
        await sender.RegisterAsync(person);
        await sender.OpenRoomAsync("lobby");

        var text = $"counted by the status page {person.DisplayName}";
        await sender.MessageInput().FillAsync(text);
        await sender.MessageInput().PressAsync("Enter");
        await Expect(sender.Messages().Filter(new() { HasText = text })).ToHaveCountAsync(1);

        await Expect(Metric(admin, "messages-per-minute")).ToHaveTextAsync("1");
        await AssertNotReloadedAsync(admin);
    }

    [Fact]
    public async Task SomeoneWhoIsNotAnAdministratorIsDenied()
    {
        var page = await NewTabAsync();
        await page.RegisterAsync(Person.New("Curious"));
        await page.WaitForCircuitAsync();

        await page.GotoAsync("/admin/status");

        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status-metric")).ToHaveCountAsync(0);
    }
}
