using System.Text.RegularExpressions;
using static ChatApp.Tests.Integration.Security.SecurityTestHost;

namespace ChatApp.Tests.Integration.Security;

public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly ChatAppFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("Production", "/Account/Login")]
    [InlineData("Production", "/rooms")]
    [InlineData("Production", "/no-such-page")]
    [InlineData("Production", "/app.css")]
    [InlineData("Production", FailingPath)]
    [InlineData("Development", "/Account/Login")]
    public async Task EveryResponseCarriesTheBrowserProtections(string environment, string path)
    {
        var client = app.In(environment).Client();

        var response = await client.GetFromAsync(path, Stranger);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Contains("microphone=()", Header(response, "Permissions-Policy"));
        var csp = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'self'", csp["default-src"]);
        Assert.Matches(@"^'self' 'nonce-[0-9A-F]{32}'$", csp["script-src"]);
        Assert.Equal("'self'", csp["connect-src"]);
        Assert.Equal("'self'", csp["frame-ancestors"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.Equal("'self'", csp["base-uri"]);
        Assert.Equal("'self' 'unsafe-inline'", csp["style-src"]);
    }

    [Fact]
    public async Task OnlyTheImportMapCarriesThisResponsesNonceAndEachResponseHasItsOwn()
    {
        var client = app.In("Production").Client();

        var first = await client.GetFromAsync("/Account/Login", Stranger);
        var second = await client.GetFromAsync("/Account/Login", Stranger);

        var nonce = Regex.Match(Header(first, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;
        var html = await first.Content.ReadAsStringAsync();
        var inlineScripts = Regex.Matches(html, "<script(?![^>]*\\ssrc=)[^>]*>").Select(m => m.Value).ToList();
        Assert.Equal([$"<script type=\"importmap\" nonce=\"{nonce}\">"], inlineScripts);
        Assert.DoesNotContain($"'nonce-{nonce}'", Header(second, "Content-Security-Policy"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} response to {response.RequestMessage?.RequestUri} has no {name} header");

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}
