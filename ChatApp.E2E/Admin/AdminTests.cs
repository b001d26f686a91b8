using ChatApp.E2E.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Admin;

[Collection(AppCollection.Name)]
public sealed class AdminTests(AppFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private async Task<IPage> AdminAsync()
    {
        var page = await App.NewPersonAsync();
        await page.SignInAsync(KestrelAppFactory.Admin);
        await page.WaitForCircuitAsync();
        return page;
    }

    private static async Task<string> CreateRoomAsync(IPage admin, string name, bool isPrivate)
    {
        await admin.GetByTestId("admin-link").ClickAsync();
        await admin.Locator("input[data-testid=room-name-input]").FillAsync(name);
        if (isPrivate)
        {
            await admin.GetByTestId("room-private-toggle").CheckAsync();
        }
        await admin.GetByTestId("room-create-submit").ClickAsync();
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        await Expect(admin.Locator($"[data-testid=admin-room][data-room={slug}]")).ToHaveAttributeAsync("data-private", isPrivate ? "true" : "false");
        return slug;
    }

    private static ILocator RoomLink(IPage page, string slug) => page.Locator($"nav [data-testid=room-link][data-room={slug}], .mud-drawer [data-testid=room-link][data-room={slug}]");

    [Fact]
    public async Task PrivateRoomIsForMembersOnlyAndRemovalTakesEffectLive()
    {
        var (bob, carol) = (Person.New("Bob"), Person.New("Carol"));
        var b = await App.NewPersonAsync();
        var c = await App.NewPersonAsync();
        await b.RegisterAsync(bob);
        await c.RegisterAsync(carol);
        var admin = await AdminAsync();
        var slug = await CreateRoomAsync(admin, $"Secret {bob.DisplayName}", isPrivate: true);

        await admin.Locator($"[data-testid=admin-room][data-room={slug}] [data-testid=room-members]").ClickAsync();
        await admin.Locator("input[data-testid=member-add-input]").FillAsync(bob.DisplayName);
        await admin.GetByTestId("member-add-submit").ClickAsync();
        await Expect(admin.Locator($"[data-testid=member][data-user=\"{bob.DisplayName}\"]")).ToHaveCountAsync(1);

        await Expect(RoomLink(b, slug)).ToHaveCountAsync(1);
        await Expect(RoomLink(c, slug)).ToHaveCountAsync(0);
        await b.OpenRoomAsync(slug);
        await c.GotoAsync($"/rooms/{slug}");
        await Expect(c.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(c.GetByTestId("message-list")).ToHaveCountAsync(0);

        await admin.Locator($"[data-testid=member][data-user=\"{bob.DisplayName}\"] [data-testid=member-remove]").ClickAsync();

        await Expect(b.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(b.GetByTestId("message-input")).ToHaveCountAsync(0);
        await Expect(RoomLink(b, slug)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task LockingSignsTheUserOutEverywhereAndKeepsThemOut()
    {
        var (alice, carol) = (Person.New("Alice"), Person.New("Carol"));
        var a = await App.NewPersonAsync();
        var c = await App.NewPersonAsync();
        await a.RegisterAsync(alice);
        await c.RegisterAsync(carol);
        await a.OpenRoomAsync("lobby");
        await c.OpenRoomAsync("lobby");
        await Expect(a.OnlineUser(carol)).ToHaveCountAsync(1);
        var admin = await AdminAsync();

        await admin.GotoAsync("/admin/users");
        var row = admin.Locator($"[data-testid=admin-user][data-user=\"{carol.DisplayName}\"]");
        await Expect(row).ToHaveAttributeAsync("data-online", "true");
        await row.GetByTestId("user-lock").ClickAsync();
        await row.Locator("input[data-testid=user-lock-reason]").FillAsync("spamming the lobby");
        await row.GetByTestId("confirm-button").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-locked", "true");

        await c.WaitForAddressAsync("**/Account/Login**");
        await Expect(c.GetByTestId("login-error")).ToContainTextAsync("locked");
        await Expect(a.OnlineUser(carol)).ToHaveCountAsync(0, new() { Timeout = AppFixture.ExpectTimeoutMs });
        await Expect(row).ToHaveAttributeAsync("data-online", "false", new() { Timeout = AppFixture.ExpectTimeoutMs });

        await c.SignInAsync(carol);
        await Expect(c.GetByTestId("login-error")).ToContainTextAsync("locked by an administrator");

        await row.GetByTestId("user-unlock").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-locked", "false");
        await c.SignInAsync(carol);
        await c.WaitForCircuitAsync();
    }

    [Fact]
    public async Task ALockedUserWhoseConnectionIsDownLandsOnSignInOnceItIsBack()
    {
        var carol = Person.New("Carol");
        var c = await App.NewPersonAsync();
        await c.Context.CaptureSocketsAsync();
        await c.RegisterAsync(carol);
        await c.OpenRoomAsync("lobby");
        var admin = await AdminAsync();
        await admin.GotoAsync("/admin/users");
        var row = admin.Locator($"[data-testid=admin-user][data-user=\"{carol.DisplayName}\"]");
        await Expect(row).ToHaveAttributeAsync("data-online", "true");

        await c.DropConnectionAsync(App.ServerLog);
        await row.GetByTestId("user-lock").ClickAsync();
        await row.Locator("input[data-testid=user-lock-reason]").FillAsync("spamming the lobby");
        await row.GetByTestId("confirm-button").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-locked", "true");
        await c.RestoreConnectionAsync();

        await c.WaitForAddressAsync("**/Account/Login**");
        await Expect(c.GetByTestId("login-error")).ToContainTextAsync("locked");
    }

    [Fact]
    public async Task AMemberWhoseConnectionIsDownWhenTheRoomIsDeletedLandsInTheLobbyOnceItIsBack()
    {
        var bob = Person.New("Bob");
        var b = await App.NewPersonAsync();
        await b.Context.CaptureSocketsAsync();
        await b.RegisterAsync(bob);
        var admin = await AdminAsync();
        var slug = await CreateRoomAsync(admin, $"Gone {bob.DisplayName}", isPrivate: false);
        await b.OpenRoomAsync(slug);
        var row = admin.Locator($"[data-testid=admin-room][data-room={slug}]");

        await b.DropConnectionAsync(App.ServerLog);
        await row.GetByTestId("room-delete").ClickAsync();
        await admin.GetByTestId("confirm-button").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await b.RestoreConnectionAsync();

        await b.WaitForAddressAsync("**/rooms/lobby");
        await Expect(b.GetByTestId("room-title")).ToHaveTextAsync("# Lobby");
    }

    [Fact]
    public async Task ArchivedRoomRefusesSendsWithAVisibleErrorButKeepsHistory()
    {
        var bob = Person.New("Bob");
        var b = await App.NewPersonAsync();
        await b.RegisterAsync(bob);
        var admin = await AdminAsync();
        var slug = await CreateRoomAsync(admin, $"Old {bob.DisplayName}", isPrivate: false);
        await b.OpenRoomAsync(slug);
        await b.MessageInput().FillAsync("before the archive");
        await b.MessageInput().PressAsync("Enter");
        await Expect(b.Messages()).ToHaveCountAsync(1);

        await admin.Locator($"[data-testid=admin-room][data-room={slug}] [data-testid=room-archive]").ClickAsync();
        await Expect(admin.Locator($"[data-testid=admin-room][data-room={slug}]")).ToHaveAttributeAsync("data-archived", "true");

        await Expect(b.GetByTestId("room-archived")).ToBeVisibleAsync();
        await b.MessageInput().FillAsync("after the archive");
        await b.GetByTestId("send-button").ClickAsync();
        await Expect(b.GetByTestId("error-message")).ToContainTextAsync("archived");
        await b.ReloadAsync();
        await Expect(b.Messages()).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task RenameShowsLiveAndDeleteMovesPeopleToTheLobby()
    {
        var bob = Person.New("Bob");
        var b = await App.NewPersonAsync();
        await b.RegisterAsync(bob);
        var admin = await AdminAsync();
        var slug = await CreateRoomAsync(admin, $"Temp {bob.DisplayName}", isPrivate: false);
        await b.OpenRoomAsync(slug);
        var row = admin.Locator($"[data-testid=admin-room][data-room={slug}]");

        await row.GetByTestId("room-edit").ClickAsync();
        await row.Locator("input[data-testid=room-edit-name]").FillAsync($"Renamed {bob.DisplayName}");
        await row.Locator("input[data-testid=room-edit-topic]").FillAsync("fresh topic");
        await row.GetByTestId("room-edit-save").ClickAsync();

        await Expect(b.GetByTestId("room-title")).ToHaveTextAsync($"# Renamed {bob.DisplayName}");
        await Expect(b.GetByTestId("room-topic")).ToHaveTextAsync("fresh topic");
        await Expect(RoomLink(b, slug)).ToContainTextAsync("Renamed");

        await row.GetByTestId("room-delete").ClickAsync();
        await admin.GetByTestId("confirm-button").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        await b.WaitForAddressAsync("**/rooms/lobby");
        await Expect(b.GetByTestId("room-title")).ToHaveTextAsync("# Lobby");
        await Expect(RoomLink(b, slug)).ToHaveCountAsync(0);
        await admin.GotoAsync("/admin/audit");
        await Expect(admin.GetByTestId("audit-entry").First).ToHaveAttributeAsync("data-action", "room.delete");
        await Expect(admin.GetByTestId("audit-entry").First).ToContainTextAsync("Head Admin");
    }

    [Fact]
    public async Task NonAdminSeesNoAdminLinkAndIsRefusedAtTheAdminPages()
    {
        var dave = Person.New("Dave");
        var d = await App.NewPersonAsync();
        await d.RegisterAsync(dave);

        await Expect(d.GetByTestId("admin-link")).ToHaveCountAsync(0);
        foreach (var path in new[] { "/admin/rooms", "/admin/users", "/admin/audit" })
        {
            await d.GotoAsync(path);
            await Expect(d.GetByTestId("access-denied")).ToBeVisibleAsync();
            await Expect(d.GetByTestId("admin-room")).ToHaveCountAsync(0);
            await Expect(d.GetByTestId("admin-user")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task InvalidRoomGetsAClearErrorAndIsNotCreated()
    {
        var admin = await AdminAsync();
        await admin.GetByTestId("admin-link").ClickAsync();

        await admin.Locator("input[data-testid=room-name-input]").FillAsync("x");
        await admin.GetByTestId("room-create-submit").ClickAsync();

        await Expect(admin.GetByTestId("error-message")).ToContainTextAsync("2 to 50 characters");
        await Expect(admin.Locator("[data-testid=admin-room][data-room=x]")).ToHaveCountAsync(0);
    }
}
