using Microsoft.Playwright;

namespace ChatApp.E2E.Infrastructure;

/// <summary>
/// A tab's circuit connection cut and restored on purpose, like a network blip: the tab stays open, the server marks
/// the circuit disconnected, and whatever it sends meanwhile has to survive until the tab reconnects.
/// </summary>
public static class ConnectionActions
{
    // Keeps every WebSocket the page opens, so a test can close the circuit's connection.
    private const string CaptureSockets = """
        (() => {
            const Native = window.WebSocket;
            window.__sockets = [];
            window.WebSocket = class extends Native {
                constructor(...args) { super(...args); window.__sockets.push(this); }
            };
        })();
        """;

    /// <summary>Call before the tab opens the page whose connection will be cut (it applies to pages loaded after).</summary>
    public static Task CaptureSocketsAsync(this IBrowserContext context) => context.AddInitScriptAsync(CaptureSockets);

    /// <summary>
    /// Takes the tab offline (so it cannot reconnect by itself) and closes its circuit connection; returns once the
    /// server has seen the connection go down.
    /// </summary>
    public static async Task DropConnectionAsync(this IPage page, ServerLog serverLog)
    {
        var mark = serverLog.Mark();
        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => window.__sockets.filter(s => s.url.includes('_blazor')).forEach(s => s.close())");
        // Usually the close frame gets out and the server sees the drop at once. Chromium's offline emulation can
        // swallow it (seen in CI: no drop for 20 s); then the server notices by hearing nothing for its client
        // timeout, so the wait covers that, not a guess.
        var deadline = DateTime.UtcNow + ChatApp.Web.Hosting.CircuitLimitsExtensions.ClientTimeout + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && !serverLog.Since(mark).Any(l => l.EventId.Id == ChatApp.Core.Chat.LiveEventIds.ConnectionDown.Id))
        {
            await Task.Delay(100);
        }
        Assert.Contains(serverLog.Since(mark), l => l.EventId.Id == ChatApp.Core.Chat.LiveEventIds.ConnectionDown.Id);
    }

    /// <summary>Back online, and reconnects at once (as the reconnect dialog's retry button does).</summary>
    public static async Task RestoreConnectionAsync(this IPage page)
    {
        await page.Context.SetOfflineAsync(false);
        // Not awaited in the page: what the server sends on reconnecting may navigate away at once.
        await page.EvaluateAsync("() => { Blazor.reconnect(); }");
    }
}
