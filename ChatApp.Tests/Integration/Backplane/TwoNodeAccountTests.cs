using System.Net;
using ChatApp.Tests.Integration.Accounts;

namespace ChatApp.Tests.Integration.Backplane;

/// <summary>One browser, two instances behind a load balancer: signing in on one is signing in on both.</summary>
public sealed class TwoNodeAccountTests : IAsyncLifetime
{
    private readonly TwoNodes nodes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await nodes.DisposeAsync();

    [Fact]
    public async Task SomeoneWhoRegisteredOnOneInstanceIsSignedInOnTheOther()
    {
        var jar = new CookieContainer();
        var onA = nodes.A.Client(jar);
        var onB = nodes.B.Client(jar);

        var registered = await onA.RegisterAsync("nia@example.test", "Nia Nodes", AccountTestHost.Password);
        Assert.EndsWith("/rooms", registered.RequestMessage!.RequestUri!.AbsolutePath);

        var rooms = await onB.GetAsync("/rooms");

        Assert.Equal(HttpStatusCode.OK, rooms.StatusCode);
        Assert.EndsWith("/rooms", rooms.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task AFormServedByOneInstanceIsAcceptedByTheOther()
    {
        var jar = new CookieContainer();
        // The antiforgery token and cookie come from A; the form is posted to B.
        var token = await nodes.A.Client(jar).AntiforgeryTokenAsync("/Account/Register");
        var onB = nodes.B.Client(jar);

        var posted = await onB.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "register",
            ["Input.Email"] = "ola@example.test",
            ["Input.DisplayName"] = "Ola Other",
            ["Input.Password"] = AccountTestHost.Password,
            ["Input.ConfirmPassword"] = AccountTestHost.Password,
        }));

        Assert.EndsWith("/rooms", posted.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(await nodes.A.ExistsAsync("ola@example.test"));
    }
}
