using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Presence;

[Collection(AppCollection.Name)]
public sealed class NarrowScreenTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task OnAPhoneTheOnlineListOpensOverTheRoomAndClosesAgain()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var a = await App.NewPersonAsync();
        await a.RegisterAsync(alice);
        await a.OpenRoomAsync("lobby");
        var b = await App.NewPersonAsync(viewport: Phone);
        await b.RegisterAsync(bob);
        await b.OpenRoomAsync("lobby");

        await Expect(b.GetByTestId("message-input")).ToBeInViewportAsync();
        await Expect(b.OnlineUser(alice)).ToBeHiddenAsync();

        await b.GetByTestId("room-side-toggle").ClickAsync();
        await Expect(b.OnlineUser(alice)).ToBeVisibleAsync();
        await Expect(b.OnlineUser(bob)).ToBeVisibleAsync();

        await b.GetByTestId("room-side-close").ClickAsync();
        await Expect(b.OnlineUser(alice)).ToBeHiddenAsync();
        await Expect(a.OnlineUser(bob)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OnAWideScreenTheOnlineListIsAlwaysThere()
    {
        var (a, _, _, bob) = await App.TwoInTheLobbyAsync();

        await Expect(a.OnlineUser(bob)).ToBeVisibleAsync();
        await Expect(a.GetByTestId("room-side-toggle")).ToBeHiddenAsync();
        await Expect(a.GetByTestId("room-side-close")).ToBeHiddenAsync();
    }
}
