using System.Net;
using static ChatApp.Tests.Integration.Security.SecurityTestHost;

namespace ChatApp.Tests.Integration.Security;

/// <summary>The app behind a TLS-terminating reverse proxy (nginx), in Production.</summary>
public sealed class BehindAProxyTests : IAsyncLifetime
{
    private static readonly (string, string)[] ProxiedHttps = [("Host", PublicHost), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", Stranger)];

    private readonly ChatAppFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ThroughATrustedProxyOnHttpsTheSignInAndAntiforgeryCookiesAreSecure()
    {
        var client = app.In("Production").Client();

        var form = await client.GetFromAsync("/Account/Login", Proxy, ProxiedHttps);
        var signIn = await client.SignInAsync(Proxy, ProxiedHttps);

        Assert.True(IsSecure(form.SetCookie(".AspNetCore.Antiforgery")!));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(IsSecure(signIn.SetCookie(".AspNetCore.Identity.Application")!));
    }

    [Fact]
    public async Task AClientClaimingHttpsWithoutAProxyGetsNoSecureCookiesAndNoHsts()
    {
        var client = app.In("Production").Client();

        var form = await client.GetFromAsync("/Account/Login", Stranger, ProxiedHttps);
        var signIn = await client.SignInAsync(Stranger, ProxiedHttps);

        Assert.False(IsSecure(form.SetCookie(".AspNetCore.Antiforgery")!));
        Assert.False(IsSecure(signIn.SetCookie(".AspNetCore.Identity.Application")!));
        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task OverHttpsInProductionBrowsersAreToldToStayOnHttps()
    {
        var client = app.In("Production").Client();

        var response = await client.GetFromAsync("/Account/Login", Proxy, ProxiedHttps);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task InDevelopmentThereIsNoHsts()
    {
        var client = app.In("Development").Client();

        var response = await client.GetFromAsync("/Account/Login", Proxy, ProxiedHttps);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task PlainHttpThroughTheProxyIsRedirectedToHttpsOnTheConfiguredHost()
    {
        app.Settings["https_port"] = "443";
        app.Settings["AllowedHosts"] = PublicHost;
        var client = app.In("Production").Client();

        var response = await client.GetFromAsync("/Account/Login?x=1", Proxy,
            ("Host", PublicHost), ("X-Forwarded-Proto", "http"), ("X-Forwarded-Host", "evil.example"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"https://{PublicHost}/Account/Login?x=1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PlainHttpWithoutAnHttpsPortIsServedAsIs()
    {
        var client = app.In("Production").Client();

        var response = await client.GetFromAsync("/Account/Login", Stranger);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ARedirectNeverRepeatsTheHostTheRequestClaims()
    {
        var client = app.In("Production").Client();

        var challenge = await client.GetFromAsync("/rooms", Stranger, ("Host", "evil.example"));
        var signIn = await client.SignInAsync(Stranger, ("Host", "evil.example"));

        Assert.Equal("/Account/Login?ReturnUrl=%2Frooms", challenge.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/rooms", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WithAllowedHostsSetOtherHostsAreRefused()
    {
        app.Settings["AllowedHosts"] = PublicHost;
        var client = app.In("Production").Client();

        var ours = await client.GetFromAsync("/Account/Login", Stranger, ("Host", PublicHost));
        var theirs = await client.GetFromAsync("/Account/Login", Stranger, ("Host", "evil.example"));

        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, theirs.StatusCode);
    }

    [Fact]
    public void AProxyAddressThatIsNotAnAddressStopsStartUpAndSaysWhy()
    {
        app.Settings["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33";

        var failure = Record.Exception(() => app.In("Production").Client());

        Assert.NotNull(failure);
        Assert.Contains("ForwardedHeaders:KnownNetworks", failure.ToString());
    }
}
