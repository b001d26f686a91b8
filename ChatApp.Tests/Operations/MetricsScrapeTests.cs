using System.Net;
using ChatApp.Core.Chat;
using ChatApp.Core.Rooms;
using ChatApp.Tests.Integration;
using ChatApp.Tests.Integration.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Operations;

/// <summary>The Prometheus scrape at /metrics: off by default, and when on, for operators only.</summary>
public sealed class MetricsScrapeTests
{
    private const string Loopback = "127.0.0.1";
    private const string Stranger = "203.0.113.7";

    private static AccountTestHost Host(bool prometheus) => new(new Dictionary<string, string>
    {
        ["Metrics:Prometheus"] = prometheus ? "true" : "false",
    });

    [Fact]
    public async Task WithoutPrometheusSwitchedOnThereIsNoScrapeEvenFromTheMachineItself()
    {
        await using var host = Host(prometheus: false);

        var response = await host.Client(Loopback).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("chatapp_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ACallerOnTheMachineGetsPrometheusTextWithTheMessagesSentAfterASend()
    {
        await using var host = Host(prometheus: true);
        var alice = await host.CreateUserAsync("Alice");
        var chat = host.Services.GetRequiredService<ChatService>();
        var lobby = (await chat.ListRoomsAsync(alice.Id)).Single(r => r.Slug == Room.LobbySlug);
        Assert.True((await chat.SendAsync(alice.Id, lobby.Id, Guid.NewGuid(), "hello, metrics")).Succeeded);

        var scraper = host.Client(Loopback);
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/Account/Login")).StatusCode);

        var response = await scraper.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.True(response.Headers.CacheControl?.NoStore, "The scrape must not be cached.");
        var text = await response.Content.ReadAsStringAsync();
        // The exporter's names: dots become underscores, counters end in _total, seconds get their unit.
        Assert.Contains("chatapp_messages_sent_total", text);
        Assert.Contains("chatapp_messages_send_duration_seconds_bucket", text);
        Assert.Contains("chatapp_presence_tabs", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Contains("service_instance_id", text);
    }

    [Fact]
    public async Task AnAnonymousCallerFromElsewhereGetsTheSame404AsWhenTheScrapeIsOff()
    {
        await using var host = Host(prometheus: true);

        var response = await host.Client(Stranger).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("chatapp_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASignedInUserFromElsewhereIsRefusedAndAnAdministratorIsServed()
    {
        await using var host = Host(prometheus: true);
        var bob = await host.CreateUserAsync("Bob");
        var user = host.Client(Stranger);
        await user.SignInAsync(bob.Email!, AccountTestHost.Password);
        var admin = host.Client("198.51.100.44");
        await admin.SignInAsync(ChatAppFactory.AdminEmail, ChatAppFactory.AdminPassword);

        var refused = await user.GetAsync("/metrics");
        var served = await admin.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("chatapp_presence_topics", await served.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheScrapeIsNeverRateLimited()
    {
        await using var host = new AccountTestHost(new Dictionary<string, string>
        {
            ["Metrics:Prometheus"] = "true",
            ["RateLimits:SignIn:PermitLimit"] = "1",
            ["RateLimits:SignIn:Window"] = "01:00:00",
        });
        var scraper = host.Client(Loopback);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await scraper.GetAsync("/metrics")).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
