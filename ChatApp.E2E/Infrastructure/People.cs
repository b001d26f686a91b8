using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Infrastructure;

public sealed record Person(string Email, string DisplayName, string Password)
{
    private static int counter;

    /// <summary>A person unique to this run, so tests sharing one app never collide.</summary>
    public static Person New(string name)
    {
        var n = Interlocked.Increment(ref counter);
        var displayName = $"{name}{n}";
        return new Person($"{displayName.ToLowerInvariant()}@example.test", displayName, "Tangerine-Kite-42");
    }
}

public static class PageActions
{
    /// <summary>
    /// Waits until the tab's address matches <paramref name="glob"/> (Playwright's glob: <c>**</c> is anything), by
    /// polling. Not <c>WaitForURLAsync</c>: that one checks the address, then waits for the next navigation and its
    /// load event, so a navigation that lands in between (a server redirect, a form post's answer) is missed and it
    /// times out, though the tab is already where it should be.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string glob) =>
        Expect(page).ToHaveURLAsync(
            new Regex("^" + Regex.Escape(glob).Replace(@"\*\*", ".*") + "$"),
            new() { Timeout = AppFixture.ActionTimeoutMs });

    public static async Task RegisterAsync(this IPage page, Person person)
    {
        await page.SubmitRegistrationAsync(person);
        await page.WaitForAddressAsync("**/rooms");
        await WaitForCircuitAsync(page);
    }

    /// <summary>Fills in and submits the registration form; where it lands depends on the server's settings.</summary>
    public static async Task SubmitRegistrationAsync(this IPage page, Person person)
    {
        await page.GotoAsync("/Account/Register");
        await page.GetByTestId("register-email").FillAsync(person.Email);
        await page.GetByTestId("register-displayname").FillAsync(person.DisplayName);
        await page.GetByTestId("register-password").FillAsync(person.Password);
        await page.GetByTestId("register-confirm-password").FillAsync(person.Password);
        await page.GetByTestId("register-submit").ClickAsync();
    }

    public static async Task SignInAsync(this IPage page, Person person)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByTestId("login-email").FillAsync(person.Email);
        await page.GetByTestId("login-password").FillAsync(person.Password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    /// <summary>
    /// Opens a room and waits until its circuit is live (the page renders only then) and Enter sends (the composer's
    /// script marks the box once it is wired).
    /// </summary>
    public static async Task OpenRoomAsync(this IPage page, string slug)
    {
        await page.GotoAsync($"/rooms/{slug}");
        await page.GetByTestId("room-title").WaitForAsync();
        await page.Locator("textarea[data-testid=message-input][data-enter-to-send=true]").WaitForAsync();
    }

    public static async Task WaitForCircuitAsync(this IPage page) =>
        await page.GetByTestId("user-menu").WaitForAsync();

    public static ILocator OnlineUser(this IPage page, Person person) =>
        page.Locator($"[data-testid=online-user][data-user=\"{person.DisplayName}\"]");

    public static ILocator PresenceEvents(this IPage page, Person person, string kind) =>
        page.Locator($"[data-testid=presence-event][data-user=\"{person.DisplayName}\"][data-kind={kind}]");

    public static async Task<int> SiteOnlineCountAsync(this IPage page) =>
        int.Parse((await page.GetByTestId("site-online-count").TextContentAsync())!.Trim());

    public static async Task ChooseStatusAsync(this IPage page, string status)
    {
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("status-select").SelectOptionAsync(status);
        await Expect(page.GetByTestId("status-select")).ToBeHiddenAsync();
    }

    /// <summary>A second tab of the same person: same browser context, so same cookies.</summary>
    public static async Task<IPage> OpenSecondTabAsync(this IPage page, string slug)
    {
        var tab = await page.Context.NewPageAsync();
        await tab.OpenRoomAsync(slug);
        return tab;
    }

    public static ILocator MessageInput(this IPage page) => page.Locator("textarea[data-testid=message-input]");

    public static ILocator Messages(this IPage page) => page.GetByTestId("message");
}
