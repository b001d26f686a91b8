using ChatApp.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Direct;

[Collection(AppCollection.Name)]
public sealed class DirectMessageTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static ILocator Peer(IPage page) => page.GetByTestId("dm-peer");

    private static ILocator DirectLink(IPage page, Person person) =>
        page.Locator($"[data-testid=dm-link][data-user=\"{person.DisplayName}\"]");

    [Fact]
    public async Task APersonWritesToAnotherFromPeopleWhoSeesItLiveAndTheyTalkSeeingEachOthersPresence()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var a = await App.NewPersonAsync();
        var b = await App.NewPersonAsync();
        await a.RegisterAsync(alice);
        await b.RegisterAsync(bob);

        // Alice writes to Bob from the People page; Bob, elsewhere in the app, sees the conversation in his drawer.
        await a.GetByTestId("people-link").ClickAsync();
        await a.Locator($"[data-testid=dm-start][data-user=\"{bob.DisplayName}\"]").ClickAsync();
        await a.WaitForAddressAsync("**/rooms/dm_**");
        await Expect(Peer(a)).ToHaveAttributeAsync("data-user", bob.DisplayName);
        await Expect(Peer(a)).ToHaveAttributeAsync("data-status", "online");
        await Expect(DirectLink(a, bob)).ToHaveAttributeAsync("aria-current", "page");
        await Expect(DirectLink(b, alice)).ToHaveCountAsync(1);
        // A conversation is no room: it is not listed among them.
        var slug = a.Url[(a.Url.LastIndexOf('/') + 1)..];
        await Expect(b.Locator($"[data-testid=room-link][data-room={slug}]")).ToHaveCountAsync(0);

        await DirectLink(b, alice).ClickAsync();
        await b.Locator("textarea[data-testid=message-input][data-enter-to-send=true]").WaitForAsync();
        await Expect(Peer(b)).ToHaveAttributeAsync("data-user", alice.DisplayName);
        await Expect(Peer(b)).ToHaveAttributeAsync("data-status", "online");

        await a.Locator("textarea[data-testid=message-input][data-enter-to-send=true]").WaitForAsync();
        Assert.StartsWith("Message  (", await a.MessageInput().GetAttributeAsync("placeholder"));
        Assert.Equal("Direct message · ChatApp", await a.TitleAsync());
        await a.MessageInput().FillAsync("Hi Bob, a word in private?");
        await a.MessageInput().PressAsync("Enter");
        await Expect(b.Messages().Filter(new() { HasText = "a word in private" })).ToHaveAttributeAsync("data-author", alice.DisplayName);

        await b.MessageInput().PressSequentiallyAsync("Sure");
        await Expect(a.GetByTestId("typing-indicator")).ToHaveAttributeAsync("data-users", bob.DisplayName);
        await b.MessageInput().PressAsync("Enter");
        await Expect(a.Messages().Filter(new() { HasText = "Sure" })).ToHaveAttributeAsync("data-author", bob.DisplayName);

        // Bob steps away, then leaves: Alice's header follows him.
        await b.ChooseStatusAsync("away");
        await Expect(Peer(a)).ToHaveAttributeAsync("data-status", "away");
        await b.Context.CloseAsync();
        await Expect(Peer(a)).ToHaveAttributeAsync("data-status", "offline");
    }

    [Fact]
    public async Task AnAdministratorCannotOpenSomeoneElsesConversationNorFindItInTheAdministration()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var a = await App.NewPersonAsync();
        var b = await App.NewPersonAsync();
        await a.RegisterAsync(alice);
        await b.RegisterAsync(bob);
        await a.GetByTestId("people-link").ClickAsync();
        await a.Locator($"[data-testid=dm-start][data-user=\"{bob.DisplayName}\"]").ClickAsync();
        await a.WaitForAddressAsync("**/rooms/dm_**");
        await a.Locator("textarea[data-testid=message-input][data-enter-to-send=true]").WaitForAsync();
        await a.MessageInput().FillAsync("only for Bob");
        await a.MessageInput().PressAsync("Enter");
        await Expect(a.Messages().Filter(new() { HasText = "only for Bob" })).ToHaveCountAsync(1);
        var address = new Uri(a.Url).AbsolutePath;
        var slug = address[(address.LastIndexOf('/') + 1)..];

        var admin = await App.NewPersonAsync();
        await admin.SignInAsync(KestrelAppFactory.Admin);
        await admin.WaitForCircuitAsync();
        await admin.GotoAsync(address);

        await Expect(admin.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(admin.GetByText("only for Bob")).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("message-input")).ToHaveCountAsync(0);

        await admin.GetByTestId("admin-link").ClickAsync();
        await Expect(admin.Locator("[data-testid=admin-room][data-room=lobby]")).ToHaveCountAsync(1);
        await Expect(admin.Locator($"[data-testid=admin-room][data-room={slug}]")).ToHaveCountAsync(0);
        await admin.GotoAsync($"/admin/rooms/{slug}");
        await Expect(admin.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("member")).ToHaveCountAsync(0);
    }
}
