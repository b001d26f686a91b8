using ChatApp.Web.Circuits;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatApp.Tests.Circuits;

public sealed class CircuitNavigationTests
{
    /// <summary>Records what the server asked the browser to do; the browser arrives only when the test says so.</summary>
    private sealed class Browser : NavigationManager
    {
        public Browser() => Initialize("http://localhost/", "http://localhost/rooms/gone");

        public List<(string Uri, bool ForceLoad)> Sent { get; } = [];

        protected override void NavigateToCore(string uri, NavigationOptions options) => Sent.Add((uri, options.ForceLoad));

        public void Arrive(string uri)
        {
            Uri = uri;
            NotifyLocationChanged(isInterceptedLink: false);
        }
    }

    private readonly Browser browser = new();
    private readonly CircuitState circuit = new();
    private readonly CircuitNavigation navigation;

    public CircuitNavigationTests() => navigation = new CircuitNavigation(browser, circuit, NullLogger<CircuitNavigation>.Instance);

    [Fact]
    public void ANavigationSentWhileTheConnectionWasDownIsSentAgainWhenItIsBack()
    {
        navigation.NavigateTo("rooms/lobby");

        circuit.OnResumed();

        Assert.Equal([("http://localhost/rooms/lobby", false), ("http://localhost/rooms/lobby", false)], browser.Sent);
    }

    [Fact]
    public void AForcedLoadIsSentAgainAsAForcedLoad()
    {
        navigation.NavigateTo("Account/Login?locked=true", forceLoad: true);

        circuit.OnResumed();
        circuit.OnResumed();

        Assert.Equal(3, browser.Sent.Count);
        Assert.All(browser.Sent, s => Assert.Equal(("http://localhost/Account/Login?locked=true", true), s));
    }

    [Fact]
    public void OnceTheTabHasArrivedAReconnectSendsNothing()
    {
        navigation.NavigateTo("rooms/lobby");
        browser.Arrive("http://localhost/rooms/lobby");

        circuit.OnResumed();

        Assert.Single(browser.Sent);
        Assert.Null(navigation.Pending);
    }

    [Fact]
    public void ATabThatMovedElsewhereIsNotPulledBackByALaterReconnect()
    {
        navigation.NavigateTo("rooms/lobby");
        browser.Arrive("http://localhost/rooms/other");

        circuit.OnResumed();

        Assert.Single(browser.Sent);
    }

    [Fact]
    public void AfterDisposalAReconnectSendsNothing()
    {
        navigation.NavigateTo("rooms/lobby");
        navigation.Dispose();

        circuit.OnResumed();

        Assert.Single(browser.Sent);
    }
}
