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
    private TestRun? current;

    // Contexts opened outside a test run (a test class not derived from E2ETest): closed when the next run begins.
    private readonly TestRun strays = new(output: null);

    /// <summary>
    /// How long a browser action or navigation may take. CI runs the unit tests, the app and Chromium on two cores
    /// at once; the limits only decide how soon a real failure is reported.
    /// </summary>
    public const int ActionTimeoutMs = 30_000;

    /// <summary>How long an expectation about the page (a live update arriving) may take to come true.</summary>
    public const int ExpectTimeoutMs = 20_000;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Everything the app under test logs (see <see cref="TestRun"/> for how a test shows its part).</summary>
    public ServerLog ServerLog => factory.Log;

    /// <summary>
    /// Starts a test's share of the app: contexts from <see cref="NewPersonAsync"/> belong to it until
    /// <see cref="EndTestAsync"/>. Tests in the collection run one after another, so there is one run at a time.
    /// </summary>
    public async Task<TestRun> BeginTestAsync(Xunit.Abstractions.ITestOutputHelper output)
    {
        await strays.DisposeAsync();
        var run = new TestRun(output) { Outer = current };
        run.WatchServer(factory.Log, "server");
        current = run;
        return run;
    }

    /// <summary>Closes the test's tabs, attaches its logs to its output, and fails it on a CSP violation.</summary>
    public async Task EndTestAsync(TestRun run)
    {
        if (ReferenceEquals(current, run))
        {
            current = run.Outer;
        }
        await run.DisposeAsync();
    }

    /// <summary>A browser context of the current test (closed when it ends), with the fixture's defaults.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= BaseUrl;
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 720 };
        var context = await (current ?? strays).NewContextAsync(Browser, options);
        context.SetDefaultTimeout(ActionTimeoutMs);
        return context;
    }

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
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
        await WarmUpAsync();
    }

    /// <summary>
    /// One person through registration into the lobby before any test runs: the first pass compiles and loads
    /// everything (Identity, EF Core, Razor, the circuit, MudBlazor's scripts), which on a busy two-core machine can
    /// take longer than a test should wait for one page.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.RegisterAsync(Person.New("Warmup"));
        await page.OpenRoomAsync("lobby");
        await context.CloseAsync();
    }

    /// <summary>A new person: their own cookies, their own tab.</summary>
    public async Task<IPage> NewPersonAsync(string? timeZone = null, ViewportSize? viewport = null)
    {
        var context = await NewContextAsync(new BrowserNewContextOptions { TimezoneId = timeZone, ViewportSize = viewport });
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
        await strays.DisposeAsync();
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
