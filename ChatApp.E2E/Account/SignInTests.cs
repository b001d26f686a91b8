using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Account;

[Collection(AppCollection.Name)]
public sealed class SignInTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public async Task AnonymousVisitorIsSentToSignInAndBackToTheRoomAfterwards()
    {
        var erin = Person.New("Erin");
        var page = await App.NewPersonAsync();
        await page.RegisterAsync(erin);
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("logout-button").ClickAsync();
        await page.WaitForAddressAsync("**/Account/Login**");

        await page.GotoAsync("/rooms/lobby");
        await page.WaitForAddressAsync("**/Account/Login?ReturnUrl=%2Frooms%2Flobby");
        await page.GetByTestId("login-email").FillAsync(erin.Email);
        await page.GetByTestId("login-password").FillAsync(erin.Password);
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("room-title")).ToHaveTextAsync("# Lobby");
        await Expect(page.GetByTestId("user-menu")).ToContainTextAsync(erin.DisplayName);
    }

    [Fact]
    public async Task WrongPasswordShowsWhySignInFailed()
    {
        var frank = Person.New("Frank");
        var page = await App.NewPersonAsync();
        await page.RegisterAsync(frank);
        var stranger = await App.NewPersonAsync();

        await stranger.SignInAsync(frank with { Password = "wrong-password" });

        await Expect(stranger.GetByTestId("login-error")).ToContainTextAsync("Wrong email or password");
    }

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheAccount()
    {
        var gina = Person.New("Gina");
        var page = await App.NewPersonAsync();
        await page.RegisterAsync(gina);
        var attacker = await App.NewPersonAsync();

        for (var i = 0; i < 5; i++)
        {
            await attacker.SignInAsync(gina with { Password = $"guess-{i}" });
        }
        await attacker.SignInAsync(gina);

        await Expect(attacker.GetByTestId("login-error")).ToContainTextAsync("locked out");
    }

    [Fact]
    public async Task TakenDisplayNameIsRefusedAtRegistration()
    {
        var hank = Person.New("Hank");
        await (await App.NewPersonAsync()).RegisterAsync(hank);
        var copycat = await App.NewPersonAsync();

        await copycat.GotoAsync("/Account/Register");
        await copycat.GetByTestId("register-email").FillAsync("copy-" + hank.Email);
        await copycat.GetByTestId("register-displayname").FillAsync(hank.DisplayName.ToUpperInvariant());
        await copycat.GetByTestId("register-password").FillAsync(hank.Password);
        await copycat.GetByTestId("register-confirm-password").FillAsync(hank.Password);
        await copycat.GetByTestId("register-submit").ClickAsync();

        await Expect(copycat.Locator("body")).ToContainTextAsync("is already taken");
        Assert.Contains("/Account/Register", copycat.Url);
    }
}
