using ChatApp.Core.Chat;
using Microsoft.AspNetCore.Components.Server;

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

        builder.Services.Configure<CircuitOptions>(circuit =>
        {
            // Our calls into the browser are small (a module import, the time zone, a scroll): one that takes this
            // long means the tab is gone, and waiting longer only keeps the circuit's memory alive.
            circuit.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
            // How many renders the server sends ahead of a tab that has not acknowledged them. A tab that falls
            // this far behind (a slow phone in a busy room) stops being rendered to until it catches up, so the
            // server never queues an unbounded diff history for it.
            circuit.MaxBufferedUnacknowledgedRenderBatches = 10;
            // A tab whose connection dropped is kept this long so it can resume without losing its state (a
            // phone's network switching, a laptop lid): longer than presence's 30 s grace, so a resumed tab is
            // still there after it was shown as gone.
            circuit.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            // At most this many dropped tabs are kept at once (the oldest go first): bounds the memory that
            // disconnected tabs can hold on a busy server.
            circuit.DisconnectedCircuitMaxRetained = 100;
        });
    }

    /// <summary>
    /// Lets this file call the Blazor Server builder's <c>AddHubOptions</c>, which configures the circuit hub's own
    /// options, without reaching into where the UI registers interactive components.
    /// </summary>
    private sealed record BlazorServer(IServiceCollection Services) : IServerSideBlazorBuilder;
}
