using ChatApp.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Operations;

/// <summary>An app of its own, stopped as SIGTERM stops it (IHostApplicationLifetime.StopApplication), with a tab open.</summary>
[Collection(AppCollection.Name)]
public sealed class ShutdownTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private KestrelAppFactory factory = default!;
    private string baseUrl = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new KestrelAppFactory();
        baseUrl = factory.Start();
        Run.WatchServer(factory.Log, "stopping-app");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task AnOpenTabSaysChatAppIsRestartingWhenTheAppStops()
    {
        var context = await App.NewContextAsync(new() { BaseURL = baseUrl });
        var page = await context.NewPageAsync();
        await page.RegisterAsync(Person.New("Stella"));
        await page.OpenRoomAsync("lobby");
        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();

        await Task.Run(lifetime.StopApplication);

        // Told before the connection went, then the reconnect dialog says the same while it retries.
        await Expect(page.GetByTestId("server-restarting")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("reconnect-restarting")).ToBeVisibleAsync();
    }
}
