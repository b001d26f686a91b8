using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ChatApp.Core.Chat;
using ChatApp.Core.Rooms;
using ChatApp.Tests.Integration.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Operations;

/// <summary>
/// OTLP export, switched on by the OpenTelemetry SDK's own variables: the app's instruments reach a collector, and a
/// collector that is down costs the app nothing it would notice.
/// </summary>
public sealed class MetricsOtlpTests
{
    private static Dictionary<string, string> Otlp(int port) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "2000",
    };

    [Fact]
    public async Task WithAnOtlpEndpointSetTheMessagesSentReachTheCollector()
    {
        var port = FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        await using var host = new AccountTestHost(Otlp(port));
        var alice = await host.CreateUserAsync("Alice");
        var chat = host.Services.GetRequiredService<ChatService>();
        var lobby = (await chat.ListRoomsAsync(alice.Id)).Single(r => r.Slug == Room.LobbySlug);
        Assert.True((await chat.SendAsync(alice.Id, lobby.Id, Guid.NewGuid(), "hello, collector")).Succeeded);

        // The protobuf payload carries names as UTF-8 text: the instrument's name shows in the bytes of an export.
        var waited = Task.Delay(TimeSpan.FromSeconds(60));
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        while (!seen.Contains("/v1/metrics chatapp.messages.sent"))
        {
            var next = collector.GetContextAsync();
            Assert.True(await Task.WhenAny(next, waited) == next, $"The messages sent never arrived; seen: {string.Join(", ", seen)}.");
            var request = await next;
            using var body = new MemoryStream();
            await request.Request.InputStream.CopyToAsync(body);
            request.Response.StatusCode = 200;
            request.Response.Close();
            foreach (Match name in Regex.Matches(Encoding.Latin1.GetString(body.ToArray()), @"chatapp\.[a-z_.]+"))
            {
                seen.Add($"{request.Request.Url!.AbsolutePath} {name.Value}");
            }
        }
    }

    [Fact]
    public async Task ACollectorThatIsDownDoesNotHoldUpPagesOrSends()
    {
        // Nothing listens there: every export fails, in the background.
        await using var host = new AccountTestHost(Otlp(FreePort()));
        var alice = await host.CreateUserAsync("Alice");
        var chat = host.Services.GetRequiredService<ChatService>();
        var lobby = (await chat.ListRoomsAsync(alice.Id)).Single(r => r.Slug == Room.LobbySlug);
        var browser = host.Client();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Login")).StatusCode);
            Assert.True((await chat.SendAsync(alice.Id, lobby.Id, Guid.NewGuid(), $"still sending {i}")).Succeeded);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
