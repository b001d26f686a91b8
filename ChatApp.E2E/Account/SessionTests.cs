using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Account;

/// <summary>One person in two browsers (a laptop and a phone): what one does to the account reaches the other live.</summary>
[Collection(AppCollection.Name)]
public sealed class SessionTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public async Task ChangingThePasswordSendsTheOtherBrowsersOpenTabToSignIn()
    {
        var (laptop, phone, person) = await TwoBrowsersOfOnePersonAsync("Hana");

        const string newPassword = "Marmalade-Comet-97";
        await laptop.GotoAsync("/Account/Manage/ChangePassword");
        await laptop.Locator("input[name='Input.OldPassword']").FillAsync(person.Password);
        await laptop.Locator("input[name='Input.NewPassword']").FillAsync(newPassword);
        await laptop.Locator("input[name='Input.ConfirmPassword']").FillAsync(newPassword);
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await Expect(laptop.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your password has been changed");

        // The phone's tab was left open in the lobby: it goes to sign-in by itself, without a reload.
        await phone.WaitForAddressAsync("**/Account/Login**");
        await laptop.OpenRoomAsync("lobby");
        await phone.SignInAsync(person with { Password = newPassword });
        await phone.WaitForCircuitAsync();
    }

    [Fact]
    public async Task SigningOutTheOtherDeviceFromTheSessionsPageClosesItsTabLive()
    {
        var (laptop, phone, _) = await TwoBrowsersOfOnePersonAsync("Ivo");

        await laptop.GotoAsync("/Account/Manage");
        await laptop.GetByRole(AriaRole.Link, new() { Name = "Signed-in devices" }).ClickAsync();
        await Expect(laptop.GetByTestId("session")).ToHaveCountAsync(2);
        var here = laptop.Locator("[data-testid=session][data-current=true]");
        var other = laptop.Locator("[data-testid=session][data-current=false]");
        await Expect(here).ToHaveCountAsync(1);
        await Expect(here.GetByTestId("session-signout")).ToHaveCountAsync(0);
        await Expect(other).ToContainTextAsync("Chrome on Linux");

        await other.GetByTestId("session-signout").ClickAsync();

        await phone.WaitForAddressAsync("**/Account/Login**");
        await Expect(laptop.GetByTestId("session")).ToHaveCountAsync(1);
        await Expect(here).ToHaveCountAsync(1);
        // Its cookie is worthless now: coming back to the room asks for a sign-in again.
        await phone.GotoAsync("/rooms/lobby");
        await phone.WaitForAddressAsync("**/Account/Login**");
        await laptop.OpenRoomAsync("lobby");
    }

    [Fact]
    public async Task SigningOutAllOtherDevicesKeepsThisOne()
    {
        var (laptop, phone, _) = await TwoBrowsersOfOnePersonAsync("Jun");

        await laptop.GotoAsync("/Account/Manage/Sessions");
        await laptop.GetByTestId("sessions-signout-others").ClickAsync();

        await phone.WaitForAddressAsync("**/Account/Login**");
        await Expect(laptop.GetByTestId("session")).ToHaveCountAsync(1);
        await Expect(laptop.GetByTestId("sessions-signout-others")).ToHaveCountAsync(0);
        await laptop.OpenRoomAsync("lobby");
    }

    /// <summary>The person registers on the laptop, signs in on the phone (another browser) and leaves it in the lobby.</summary>
    private async Task<(IPage Laptop, IPage Phone, Person Person)> TwoBrowsersOfOnePersonAsync(string name)
    {
        var person = Person.New(name);
        var laptop = await App.NewPersonAsync();
        await laptop.RegisterAsync(person);
        var phone = await App.NewPersonAsync();
        await phone.SignInAsync(person);
        await phone.WaitForCircuitAsync();
        await phone.OpenRoomAsync("lobby");
        return (laptop, phone, person);
    }
}
