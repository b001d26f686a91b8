using System.Net;

namespace ChatApp.Tests.Integration.Accounts;

public sealed class ReturnUrlTests : IAsyncLifetime
{
    public static readonly TheoryData<string> ForeignAddresses = ["//evil.com", "/\\evil.com", "https://evil.com", "javascript:alert(1)", " //evil.com", "http://localhost//evil.com"];

    private readonly AccountTestHost host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task SignInIgnoresAReturnUrlThatLeavesTheApp(string returnUrl)
    {
        var rosa = await host.CreateUserAsync("Rosa");
        var browser = host.Client(followRedirects: false);

        var response = await browser.SignInAsync(rosa.Email!, AccountTestHost.Password, $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/rooms", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SignInStillGoesBackToThePageOfThisAppThatAskedForIt()
    {
        var rosa = await host.CreateUserAsync("Rosa");
        var browser = host.Client(followRedirects: false);

        var response = await browser.SignInAsync(rosa.Email!, AccountTestHost.Password, $"/Account/Login?ReturnUrl={Uri.EscapeDataString("/rooms/lobby")}");

        Assert.Equal("/rooms/lobby", response.Headers.Location?.ToString());
    }

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task RegistrationIgnoresAReturnUrlThatLeavesTheApp(string returnUrl)
    {
        var browser = host.Client(followRedirects: false);

        var response = await browser.RegisterAsync("reg@example.test", "Regina", AccountTestHost.Password, $"/Account/Register?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/rooms", response.Headers.Location?.ToString());
    }

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    [InlineData(null)]
    public async Task SignOutAlwaysSignsOutAndStaysOnTheApp(string? returnUrl)
    {
        var rosa = await host.CreateUserAsync("Rosa");
        var browser = host.Client(followRedirects: false);
        await browser.SignInAsync(rosa.Email!, AccountTestHost.Password);
        var token = await browser.AntiforgeryTokenAsync("/Account/Manage");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        if (returnUrl is not null)
        {
            form["ReturnUrl"] = returnUrl;
        }

        var response = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(form));
        var afterwards = await browser.GetAsync("/Account/Manage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/rooms", response.Headers.Location?.ToString());
        Assert.Contains("/Account/Login", afterwards.Headers.Location?.ToString());
    }
}
