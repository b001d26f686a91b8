using ChatApp.Core.Chat;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Hosting;

/// <summary>
/// The limits of a Blazor circuit (one browser tab) and of the SignalR connection under it, chosen rather than
/// inherited: what one tab may send in one message, how long a silent tab is kept, how much a slow one may lag.
/// </summary>
public static class CircuitLimitsExtensions
{
    /// <summary>How long the server waits to hear from a tab before it counts the connection as gone.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Room for everything but the message text in one incoming frame (event descriptor, ids, framing).</summary>
    private const int FrameOverheadBytes = 16 * 1024;

    /// <summary>A UTF-16 unit costs at most 6 bytes in the browser's JSON (a control character as \u00XX).</summary>
    private const int WorstBytesPerChar = 6;

    public static void AddCircuitLimits(this WebApplicationBuilder builder)
    {
        var chat = builder.Configuration.GetSection(ChatOptions.SectionName).Get<ChatOptions>() ?? new ChatOptions();

        new BlazorServer(builder.Services).AddHubOptions(hub =>
        {
            // The largest thing a tab sends is a message of Chat:MaxMessageLength characters (the box stops there).
            // Room for that in the worst encoding and no more: a bigger frame is a tampered client, and SignalR
            // closes its connection instead of buffering it. 40 KB with the default 4,000 characters.
            hub.MaximumReceiveMessageSize = Math.Max(32 * 1024, (long)chat.MaxMessageLength * WorstBytesPerChar + FrameOverheadBytes);
            // The browser pings every 15 s; a tab not heard from for two pings is treated as gone, and presence's
            // own grace (Presence:DisconnectGrace) starts from there. SignalR's recommended 2x ratio.
            hub.KeepAliveInterval = TimeSpan.FromSeconds(15);
            hub.ClientTimeoutInterval = ClientTimeout;
            // A client that connects but never completes the handshake holds a socket: let go of it soon.
            hub.HandshakeTimeout = TimeSpan.FromSeconds(15);
            // One call from the browser at a time per tab: a flood of events queues behind itself, not beside others.
            hub.MaximumParallelInvocationsPerClient = 1;
        });

        builder.Services.AddOptions<CircuitSettings>().BindConfiguration(CircuitSettings.SectionName);
        builder.Services.AddOptions<CircuitOptions>().Configure<IOptions<CircuitSettings>>((circuit, settings) =>
        {
            var chosen = settings.Value;
            circuit.DisconnectedCircuitRetentionPeriod = chosen.DisconnectedRetention;
            circuit.DisconnectedCircuitMaxRetained = chosen.MaxRetainedDisconnected;
            circuit.MaxBufferedUnacknowledgedRenderBatches = chosen.MaxUnacknowledgedRenderBatches;
            circuit.JSInteropDefaultCallTimeout = chosen.JSInteropTimeout;
        });
    }

    /// <summary>
    /// Lets this file call the Blazor Server builder's <c>AddHubOptions</c>, which configures the circuit hub's own
    /// options, without reaching into where the UI registers interactive components.
    /// </summary>
    private sealed record BlazorServer(IServiceCollection Services) : IServerSideBlazorBuilder;
}
