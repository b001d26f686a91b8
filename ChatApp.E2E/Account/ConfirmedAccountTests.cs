using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using ChatApp.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Account;

/// <summary>
/// A server that requires confirmed accounts, with an SMTP server (a fake one that keeps what it receives) or
/// without one (an administrator confirms by hand). Each test starts its own app with those settings.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConfirmedAccountTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private readonly FakeSmtpServer smtp = new();
    private KestrelAppFactory? factory;

    private async Task<IPage> BrowserOnAsync(bool withEmail)
    {
        var port = KestrelAppFactory.FreePort();
        var settings = new Dictionary<string, string> { ["Identity:SignIn:RequireConfirmedAccount"] = "true" };
        if (withEmail)
        {
            settings["Email:SmtpHost"] = "localhost";
            settings["Email:SmtpPort"] = smtp.Port.ToString();
            settings["Email:Security"] = "None";
            settings["Email:PublicBaseUrl"] = $"http://localhost:{port}";
        }
        factory = new KestrelAppFactory(settings: settings, port: port);
        var baseUrl = factory.Start();
        Run.WatchServer(factory.Log, "confirming-app");
        var context = await App.NewContextAsync(new() { BaseURL = baseUrl });
        return await context.NewPageAsync();
    }

    private static async Task RegisterUnconfirmedAsync(IPage page, Person person)
    {
        await page.SubmitRegistrationAsync(person);
        await page.WaitForAddressAsync("**/Account/RegisterConfirmation**");
    }

    [Fact]
    public async Task NewAccountSignsInOnlyAfterTheEmailedLinkIsOpened()
    {
        var page = await BrowserOnAsync(withEmail: true);
        var gina = Person.New("Gina");

        await RegisterUnconfirmedAsync(page, gina);
        await Expect(page.GetByTestId("register-confirmation")).ToContainTextAsync($"We sent a confirmation link to {gina.Email}");
        await page.SignInAsync(gina);
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("not been confirmed");

        var mail = await smtp.WaitForMailToAsync(gina.Email);
        await page.GotoAsync(mail.Link);
        await Expect(page.GetByText("Thank you for confirming your email.")).ToBeVisibleAsync();

        await page.SignInAsync(gina);
        await page.WaitForAddressAsync("**/rooms");
        await Expect(page.GetByTestId("user-menu")).ToContainTextAsync(gina.DisplayName);
    }

    [Fact]
    public async Task AForgottenPasswordIsResetThroughTheEmailedLink()
    {
        var page = await BrowserOnAsync(withEmail: true);
        var hugo = Person.New("Hugo");
        await RegisterUnconfirmedAsync(page, hugo);
        await page.GotoAsync((await smtp.WaitForMailToAsync(hugo.Email)).Link);
        await Expect(page.GetByText("Thank you for confirming your email.")).ToBeVisibleAsync();

        await page.GotoAsync("/Account/ForgotPassword");
        await page.Locator("[id='Input.Email']").FillAsync(hugo.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await page.WaitForAddressAsync("**/Account/ForgotPasswordConfirmation");
        var reset = await smtp.WaitForMailToAsync(hugo.Email, m => m.Link.Contains("/Account/ResetPassword"));

        await page.GotoAsync(reset.Link);
        const string newPassword = "N3w-passw0rd!";
        await page.Locator("[id='Input.Email']").FillAsync(hugo.Email);
        await page.Locator("[id='Input.Password']").FillAsync(newPassword);
        await page.Locator("[id='Input.ConfirmPassword']").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await page.WaitForAddressAsync("**/Account/ResetPasswordConfirmation");

        await page.SignInAsync(hugo with { Password = newPassword });
        await page.WaitForAddressAsync("**/rooms");
    }

    [Fact]
    public async Task WithoutEmailAnAdministratorConfirmsTheAccountByHand()
    {
        var page = await BrowserOnAsync(withEmail: false);
        var ines = Person.New("Ines");

        await RegisterUnconfirmedAsync(page, ines);
        await Expect(page.GetByTestId("register-confirmation")).ToContainTextAsync("an administrator confirms new accounts by hand");
        await page.GotoAsync("/Account/ForgotPassword");
        await Expect(page.GetByTestId("email-unavailable")).ToBeVisibleAsync();

        var admin = await (await App.NewContextAsync(new() { BaseURL = page.Url[..page.Url.IndexOf("/Account", StringComparison.Ordinal)] })).NewPageAsync();
        await admin.SignInAsync(KestrelAppFactory.Admin);
        await admin.WaitForAddressAsync("**/rooms");
        await admin.GotoAsync("/admin/users");
        var row = admin.Locator($"[data-testid=admin-user][data-user=\"{ines.DisplayName}\"]");
        await Expect(row).ToHaveAttributeAsync("data-confirmed", "false");
        await row.GetByTestId("user-confirm").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-confirmed", "true");

        await page.SignInAsync(ines);
        await page.WaitForAddressAsync("**/rooms");
        Assert.Empty(smtp.Received);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        await smtp.DisposeAsync();
    }
}
