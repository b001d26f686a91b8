using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ChatApp.E2E.Infrastructure;

/// <summary>Something one tab did or said: a console message, an uncaught error, a navigation, a socket closing.</summary>
public sealed record BrowserLogLine(DateTimeOffset At, string Tab, string Kind, string Text);

/// <summary>
/// Records every tab of the browser contexts it watches: console, page errors, main-frame navigations, WebSocket
/// closes and errors, crashes. Content Security Policy violations are collected apart, because any of them fails a test.
/// </summary>
public sealed class BrowserLog
{
    /// <summary>What a <c>securitypolicyviolation</c> event is logged as, so it reaches the console recorder.</summary>
    public const string ViolationTag = "[securitypolicyviolation]";

    // Runs in every frame before the page's own scripts: a violation Chromium reports only as an event still shows.
    private const string ViolationListener = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error('[securitypolicyviolation] ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + e.documentURI));
        """;

    private readonly ConcurrentQueue<BrowserLogLine> lines = new();
    private readonly ConcurrentQueue<BrowserLogLine> violations = new();
    private int tabs;

    public IReadOnlyList<BrowserLogLine> Lines => [.. lines];

    public IReadOnlyList<BrowserLogLine> CspViolations => [.. violations];

    /// <summary>Forgets the violations seen so far (for a test that provokes one on purpose).</summary>
    public void ClearCspViolations() => violations.Clear();

    public async Task WatchAsync(IBrowserContext context, string who)
    {
        await context.AddInitScriptAsync(ViolationListener);
        context.Page += (_, page) => Watch(page, $"{who}#{Interlocked.Increment(ref tabs)}");
        foreach (var page in context.Pages)
        {
            Watch(page, $"{who}#{Interlocked.Increment(ref tabs)}");
        }
    }

    private void Watch(IPage page, string tab)
    {
        page.Console += (_, message) =>
        {
            var line = Add(tab, $"console.{message.Type}", message.Text);
            if (IsViolation(message.Text))
            {
                violations.Enqueue(line);
            }
        };
        page.PageError += (_, error) => Add(tab, "pageerror", error);
        page.Crash += (_, _) => Add(tab, "crash", "the tab crashed");
        page.Close += (_, _) => Add(tab, "close", "");
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                Add(tab, "navigated", frame.Url);
            }
        };
        page.WebSocket += (_, socket) =>
        {
            Add(tab, "websocket.open", socket.Url);
            socket.Close += (_, _) => Add(tab, "websocket.close", socket.Url);
            socket.SocketError += (_, error) => Add(tab, "websocket.error", $"{socket.Url}: {error}");
        };
    }

    internal static bool IsViolation(string text) =>
        text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || text.Contains(ViolationTag, StringComparison.Ordinal);

    private BrowserLogLine Add(string tab, string kind, string text)
    {
        var line = new BrowserLogLine(DateTimeOffset.UtcNow, tab, kind, text);
        lines.Enqueue(line);
        return line;
    }
}
