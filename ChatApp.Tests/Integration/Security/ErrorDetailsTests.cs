using System.Net;
using static ChatApp.Tests.Integration.Security.SecurityTestHost;

namespace ChatApp.Tests.Integration.Security;

/// <summary>What a failing request shows, depending on who asks and where the app runs.</summary>
public sealed class ErrorDetailsTests : IAsyncLifetime
{
    private const string Loopback = "127.0.0.1";
    private readonly ChatAppFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("Production", Stranger)]
    [InlineData("Production", Loopback)]
    [InlineData("Development", Stranger)]
    [InlineData("Development", Proxy)]
    public async Task AFailureShowsOnlyAnApologyWithoutDetails(string environment, string from)
    {
        var client = app.In(environment).Client();

        var response = await client.GetFromAsync(FailingPath, from);

        await AssertNoDetailsAsync(response);
    }

    [Fact]
    public async Task ThroughAProxyOnTheSameMachineTheClientIsNotTheDeveloper()
    {
        var client = app.In("Development").Client();

        var response = await client.GetFromAsync(FailingPath, Loopback, ("X-Forwarded-For", Stranger));

        await AssertNoDetailsAsync(response);
    }

    [Fact]
    public async Task AStrangerCannotPassForTheDeveloperByForwardingLoopback()
    {
        var client = app.In("Development").Client();

        var response = await client.GetFromAsync(FailingPath, Stranger, ("X-Forwarded-For", Loopback));

        await AssertNoDetailsAsync(response);
    }

    [Fact]
    public async Task TheDeveloperOnThisMachineSeesTheExceptionInDevelopment()
    {
        var client = app.In("Development").Client();

        var response = await client.GetFromAsync(FailingPath, Loopback);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("no such table: Secrets", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnlyTheDeveloperMayApplyMigrationsFromTheBrowser()
    {
        var client = app.In("Development").Client();

        var stranger = await client.SendAsync(Post("/ApplyDatabaseMigrations", Stranger));
        var developer = await client.SendAsync(Post("/ApplyDatabaseMigrations", Loopback));

        Assert.DoesNotContain("context", await stranger.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, developer.StatusCode);
        Assert.Contains("context", await developer.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/no-such-page", HttpStatusCode.NotFound, "data-testid=\"not-found\"")]
    [InlineData("/Error", HttpStatusCode.OK, "data-testid=\"error-page\"")]
    [InlineData("/Account/Login", HttpStatusCode.OK, "data-testid=\"login-email\"")]
    public async Task PagesForAnonymousVisitorsAreStaticWithoutACircuit(string path, HttpStatusCode status, string content)
    {
        var client = app.In("Production").Client();

        var response = await client.GetFromAsync(path, Stranger);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(content, html);
        Assert.DoesNotContain("<!--Blazor:", html);
    }

    private static HttpRequestMessage Post(string path, string from)
    {
        var request = Request(HttpMethod.Post, path, from);
        request.Content = new FormUrlEncodedContent([]);
        return request;
    }

    private static async Task AssertNoDetailsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", body);
        Assert.DoesNotContain("SQLite", body);
        Assert.DoesNotContain("Secrets", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain("SecretStore", body);
        Assert.DoesNotContain("/srv/", body);
    }
}
