using Microsoft.Playwright;

namespace ChatApp.E2E.Infrastructure;

/// <summary>
/// One app host and one Chromium for the whole run; every test gets fresh browser contexts (separate
/// cookie jars, so separate people) and its own users.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly KestrelAppFactory factory = new();
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // Two cores run the unit tests, the app and Chromium at once in CI: give live updates room to arrive.
        Assertions.SetDefaultExpectTimeout(15_000);
        BaseUrl = factory.Start();
        var chromium = Environment.GetEnvironmentVariable("CHATAPP_CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"No Chromium at '{chromium}'. Install it (apt-get install -y chromium) or set CHATAPP_CHROMIUM_PATH. End-to-end tests never skip.");
        }
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new person: their own cookies, their own tab.</summary>
    public async Task<IPage> NewPersonAsync(string? timeZone = null, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            TimezoneId = timeZone,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 720 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Alice and Bob, newly registered, each in their own browser, both in the lobby.</summary>
    public async Task<(IPage A, IPage B, Person Alice, Person Bob)> TwoInTheLobbyAsync()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var a = await NewPersonAsync();
        var b = await NewPersonAsync();
        await a.RegisterAsync(alice);
        await b.RegisterAsync(bob);
        await a.OpenRoomAsync("lobby");
        await b.OpenRoomAsync("lobby");
        return (a, b, alice, bob);
    }

    public async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }
        await factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
