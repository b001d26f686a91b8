using ChatApp.FloodProbe;
using Microsoft.Playwright;

namespace ChatApp.TabProbe;

/// <summary>
/// People in one headless Chromium, one browser context (cookie jar) each: they register, one of them fills the lobby
/// with messages, then tabs are opened on the lobby round-robin across them and left idle.
/// </summary>
public sealed class Probe : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly List<IBrowserContext> people;
    private readonly List<IPage> tabs = [];

    private Probe(IPlaywright playwright, IBrowser browser, List<IBrowserContext> people) =>
        (this.playwright, this.browser, this.people) = (playwright, browser, people);

    public static async Task<Probe> StartAsync(string baseUrl, int users)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHATAPP_CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var suffix = Random.Shared.Next(1000, 9999);
        var people = new List<IBrowserContext>();
        var probe = new Probe(playwright, browser, people);
        for (var i = 0; i < users; i++)
        {
            var page = await Registration.RegisterAsync(browser, baseUrl, $"tab{i}-{suffix}@example.test", $"Tab{i}x{suffix}", 120_000);
            people.Add(page.Context);
            probe.tabs.Add(page);
        }
        return probe;
    }

    /// <summary>The first person sends <paramref name="count"/> messages to the lobby, each waited for on the page.</summary>
    public async Task SendAsync(int count)
    {
        var page = tabs[0];
        await OpenLobbyAsync(page);
        var input = page.Locator("textarea[data-testid=message-input]");
        for (var i = 0; i < count; i++)
        {
            var text = $"Message {i} of the capacity probe, about as long as a line of chat.";
            await input.FillAsync(text);
            await input.PressAsync("Enter");
            await page.GetByTestId("message-text").GetByText(text, new() { Exact = true }).WaitForAsync();
        }
    }

    public async Task CloseTabsAsync()
    {
        foreach (var tab in tabs)
        {
            await tab.CloseAsync(new() { RunBeforeUnload = true });
        }
        tabs.Clear();
    }

    /// <summary>Opens <paramref name="count"/> lobby tabs, round-robin over the people, each ready before the next.</summary>
    public async Task OpenTabsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var page = await people[i % people.Count].NewPageAsync();
            await OpenLobbyAsync(page);
            tabs.Add(page);
        }
    }

    // Ready as the E2E suite means it: the room is shown and its message box is wired for Enter.
    private static async Task OpenLobbyAsync(IPage page)
    {
        await page.GotoAsync("/rooms/lobby");
        await page.Locator("textarea[data-testid=message-input][data-enter-to-send=true]").WaitForAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
