using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatApp.LoadTest.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.LoadTest.Client;

/// <summary>The tab's connection: the circuit hub over a WebSocket with the blazorpack protocol, and reconnecting it.</summary>
public sealed partial class Tab
{
    /// <summary>
    /// Drops the WebSocket without the disconnect beacon (a network blip) and resumes the same circuit on a new one,
    /// as blazor.web.js's reconnect does; the server re-sends the batches not yet acknowledged.
    /// </summary>
    /// <returns>false when the server no longer had the circuit.</returns>
    public async Task<bool> ReconnectAsync(CancellationToken cancellationToken)
    {
        var dropped = connection ?? throw new InvalidOperationException("The tab was never opened.");
        connection = null;
        await dropped.DisposeAsync();
        var fresh = Connect();
        connection = fresh;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OpenTimeout);
        await fresh.StartAsync(timeout.Token);
        var resumed = await fresh.InvokeAsync<bool>("ConnectCircuit", CircuitSecret, timeout.Token);
        if (!resumed)
        {
            Fail("the server no longer had the circuit to reconnect to");
        }
        return resumed;
    }

    private HubConnection Connect()
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(User.BaseUri, "_blazor"), HttpTransportType.WebSockets, o =>
            {
                o.Cookies = User.Cookies;
                o.SkipNegotiation = options.SkipNegotiation;
            });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var hub = builder.Build();
        hub.ServerTimeout = TimeSpan.FromSeconds(60);
        SlowTimer(hub);
        Register(hub);
        hub.Closed += exception =>
        {
            // A connection this tab dropped on purpose (reconnect, close) is not a failure.
            if (!disposing && ReferenceEquals(hub, connection))
            {
                options.Counters.Drop();
                Fail($"connection closed: {exception?.Message ?? "by the server"}");
            }
            return Task.CompletedTask;
        };
        return hub;
    }

    /// <summary>
    /// The SignalR client wakes every connection once a second (<c>TickRate</c>, internal) to check the server timeout
    /// and whether a keep-alive ping is due; with thousands of tabs that is thousands of timer callbacks a second in
    /// the generator. Both checks are about 15 s and 60 s, so a tick every 5 s is enough. If a later client renames the
    /// property, the tab keeps the 1 s tick.
    /// </summary>
    private static void SlowTimer(HubConnection hub)
    {
        try
        {
            SetTickRate(hub, TimeSpan.FromSeconds(5));
        }
        catch (MissingMethodException)
        {
        }
    }

    [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = "set_TickRate")]
    private static extern void SetTickRate(HubConnection hub, TimeSpan value);

    private void Register(HubConnection hub)
    {
        hub.On<int, string>("JS.AttachComponent", (componentId, _) =>
        {
            lock (gate)
            {
                document.AttachRoot(componentId);
            }
        });
        hub.On<long, byte[]>("JS.RenderBatch", (batchId, bytes) => OnRenderBatchAsync(hub, batchId, bytes));
        hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", (h, id, args, rt, target, ct) => OnBeginInvokeJSAsync(hub, h, id, args, rt, target, ct));
        hub.On<string, bool, string>("JS.EndInvokeDotNet", OnEndInvokeDotNet);
        hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        hub.On<string>("JS.Error", error => Fail($"JS.Error: {error}"));
        hub.On<int, byte[]>("JS.ReceiveByteArray", (_, _) => { });
        hub.On<long>("JS.BeginTransmitStream", _ => { });
    }

    private static List<JsonObject> Markers(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in Marker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker && (string?)marker["type"] == "server")
            {
                markers.Add(marker);
            }
        }
        return [.. markers.OrderBy(m => (int?)m["sequence"] ?? 0)];
    }

    [GeneratedRegex(@"<!--\s*Blazor:(\{.*?\})\s*-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:([a-zA-Z0-9+/=]+)\s*-->")]
    private static partial Regex ServerState();
}
