using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Presence;

[Collection(AppCollection.Name)]
public sealed class SitePresenceTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static ILocator Dot(IPage page, Person person) =>
        page.Locator($"[data-testid=user-presence][data-user=\"{person.DisplayName}\"]");

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("logout-button").ClickAsync();
        await page.WaitForAddressAsync("**/Account/Login**");
    }

    private static async Task SetHiddenAsync(IPage page, bool hidden) =>
        await page.EvaluateAsync(@"hidden => {
            Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
            Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
            document.dispatchEvent(new Event('visibilitychange'));
        }", hidden);

    [Fact]
    public async Task StarredUserComingOnlineShowsOneToastAndOfflineShowsLastSeen()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var a = await App.NewPersonAsync();
        var b = await App.NewPersonAsync();
        await b.RegisterAsync(bob);
        await a.RegisterAsync(alice);
        await a.GotoAsync("/people");
        var star = a.Locator($"[data-testid=watch-toggle][data-user=\"{bob.DisplayName}\"]");
        await Expect(star).ToHaveAttributeAsync("aria-pressed", "false");
        await star.ClickAsync();
        await Expect(star).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(Dot(a, bob)).ToHaveAttributeAsync("data-status", "online");

        await SignOutAsync(b);

        await Expect(Dot(a, bob)).ToHaveAttributeAsync("data-status", "offline", new() { Timeout = AppFixture.ExpectTimeoutMs });
        await Expect(a.Locator($"[data-testid=last-seen][data-user=\"{bob.DisplayName}\"]")).ToContainTextAsync("last seen");

        await b.SignInAsync(bob);
        await b.WaitForCircuitAsync();
        await b.OpenSecondTabAsync("lobby");

        var toast = a.Locator($"[data-testid=presence-toast][data-user=\"{bob.DisplayName}\"]");
        await Expect(toast).ToHaveCountAsync(1);
        await Expect(toast).ToHaveAttributeAsync("data-kind", "online");
        await a.WaitForTimeoutAsync(1000);
        await Expect(toast).ToHaveCountAsync(1);
        await Expect(a.Locator($"[data-testid=last-seen][data-user=\"{bob.DisplayName}\"]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task LastSeenSurvivesAReloadOfThePeoplePage()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var a = await App.NewPersonAsync();
        var b = await App.NewPersonAsync();
        await b.RegisterAsync(bob);
        await a.RegisterAsync(alice);
        await SignOutAsync(b);
        await a.GotoAsync("/people");
        await Expect(Dot(a, bob)).ToHaveAttributeAsync("data-status", "offline", new() { Timeout = AppFixture.ExpectTimeoutMs });

        await a.ReloadAsync();

        await Expect(a.Locator($"[data-testid=last-seen][data-user=\"{bob.DisplayName}\"]")).ToContainTextAsync("last seen");
    }

    [Fact]
    public async Task UserWhoseEveryTabIsHiddenShowsAwayAndComesBackOnReturn()
    {
        var (a, b, alice, bob) = await App.TwoInTheLobbyAsync();
        var second = await b.OpenSecondTabAsync("lobby");
        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-connections", "2");

        await SetHiddenAsync(b, true);
        await a.WaitForTimeoutAsync(500);
        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-status", "online");

        await SetHiddenAsync(second, true);
        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-status", "away");

        await SetHiddenAsync(second, false);
        await Expect(a.OnlineUser(bob)).ToHaveAttributeAsync("data-status", "online");
    }

    [Fact]
    public async Task MessageAuthorsCarryALivePresenceDot()
    {
        var (a, b, alice, bob) = await App.TwoInTheLobbyAsync();
        var text = $"dot check {Guid.NewGuid():N}";
        await b.MessageInput().FillAsync(text);
        await b.MessageInput().PressAsync("Enter");
        var message = a.Messages().Filter(new() { HasText = text });
        await Expect(message.GetByTestId("user-presence")).ToHaveAttributeAsync("data-status", "online");

        await b.ChooseStatusAsync("busy");

        await Expect(message.GetByTestId("user-presence")).ToHaveAttributeAsync("data-status", "busy");
    }
}
