using ChatApp.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatApp.E2E.Backplane;

/// <summary>
/// Two people whose browsers landed on different instances of one deployment: they must not notice. In the app
/// collection so that it never runs beside the other browser tests; it uses its own two instances.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TwoInstancesTests(AppFixture fixture, TwoInstances nodes, ITestOutputHelper output)
    : E2ETest(fixture, output), IClassFixture<TwoInstances>
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Run.WatchServer(nodes.A.Log, "node-a");
        Run.WatchServer(nodes.B.Log, "node-b");
    }

    private async Task<IPage> OnAsync(string url)
    {
        var context = await App.NewContextAsync(new BrowserNewContextOptions { BaseURL = url });
        return await context.NewPageAsync();
    }

    private async Task<(IPage A, IPage B, Person Alice, Person Bob)> AliceOnAAndBobOnBAsync()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var a = await OnAsync(nodes.UrlA);
        var b = await OnAsync(nodes.UrlB);
        await a.RegisterAsync(alice);
        await b.RegisterAsync(bob);
        await a.OpenRoomAsync("lobby");
        await b.OpenRoomAsync("lobby");
        return (a, b, alice, bob);
    }

    [Fact]
    public async Task PeopleOnTwoInstancesSeeEachOtherAndChatLive()
    {
        var (a, b, alice, bob) = await AliceOnAAndBobOnBAsync();

        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(1);
        await Expect(b.OnlineUser(alice)).ToHaveCountAsync(1);

        await a.Locator("textarea[data-testid=message-input]").FillAsync($"hello from {alice.DisplayName} on A");
        await a.Locator("textarea[data-testid=message-input]").PressAsync("Enter");
        await Expect(b.GetByTestId("message").Filter(new() { HasText = $"hello from {alice.DisplayName} on A" })).ToHaveCountAsync(1);

        await b.Locator("textarea[data-testid=message-input]").FillAsync($"hello from {bob.DisplayName} on B");
        await b.Locator("textarea[data-testid=message-input]").PressAsync("Enter");
        await Expect(a.GetByTestId("message").Filter(new() { HasText = $"hello from {bob.DisplayName} on B" })).ToHaveCountAsync(1);
        await Expect(b.GetByTestId("message").Filter(new() { HasText = $"hello from {bob.DisplayName} on B" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task ATabClosedOnOneInstanceLeavesOnTheOther()
    {
        var (a, b, _, bob) = await AliceOnAAndBobOnBAsync();
        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(1);

        await b.Context.CloseAsync();

        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PeopleOnAnInstanceThatDiesLeaveOnTheOthers()
    {
        var (alice, bob) = (Person.New("Alice"), Person.New("Bob"));
        var c = await nodes.StartProcessNodeAsync("node-c");
        try
        {
            var a = await OnAsync(nodes.UrlA);
            var b = await OnAsync(c.BaseUrl);
            await a.RegisterAsync(alice);
            await b.RegisterAsync(bob);
            await a.OpenRoomAsync("lobby");
            await b.OpenRoomAsync("lobby");
            await Expect(a.OnlineUser(bob)).ToHaveCountAsync(1);
            await Expect(b.OnlineUser(alice)).ToHaveCountAsync(1);

            await c.KillAsync();

            // Its lease runs out after NodeDownAfter (3 s), then the leave debounce (3 s): well inside the wait.
            await Expect(a.OnlineUser(bob)).ToHaveCountAsync(0);
        }
        finally
        {
            Output.WriteLine("node-c (a process of its own) said:\n" + c.Output);
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task LockedOnOneInstanceIsSignedOutOfATabOnTheOther()
    {
        var (a, b, _, bob) = await AliceOnAAndBobOnBAsync();
        var admin = await OnAsync(nodes.UrlA);
        await admin.SignInAsync(KestrelAppFactory.Admin);
        await admin.WaitForCircuitAsync();

        await admin.GotoAsync("/admin/users");
        var row = admin.Locator($"[data-testid=admin-user][data-user=\"{bob.DisplayName}\"]");
        await Expect(row).ToHaveAttributeAsync("data-online", "true");
        await row.GetByTestId("user-lock").ClickAsync();
        await row.Locator("input[data-testid=user-lock-reason]").FillAsync("spamming the lobby");
        await row.GetByTestId("confirm-button").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-locked", "true");

        await b.WaitForAddressAsync("**/Account/Login**");
        await Expect(b.GetByTestId("login-error")).ToContainTextAsync("locked");
        await Expect(a.OnlineUser(bob)).ToHaveCountAsync(0);
    }
}
