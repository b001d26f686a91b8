using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ChatApp.E2E.Infrastructure;

/// <summary>
/// One test's share of the shared app and browser: the contexts it opened (closed when it ends, so no tab outlives
/// its test and keeps re-rendering on every presence change), the server log since it started and every tab's
/// console. When it ends, all of that goes to the test's output (the runner shows it for a failed test), and a
/// Content Security Policy violation in any tab fails the test.
/// </summary>
public sealed class TestRun(ITestOutputHelper? output) : IAsyncDisposable
{
    private readonly List<IBrowserContext> contexts = [];
    private readonly List<(ServerLog Log, long Mark, string Name)> serverLogs = [];
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;
    private int people;

    public BrowserLog Browser { get; } = new();

    /// <summary>The run this one was started inside of, if any (current again once this one ends).</summary>
    internal TestRun? Outer { get; init; }

    /// <summary>Shows this server's log lines from now on in the test's output.</summary>
    public void WatchServer(ServerLog log, string name)
    {
        lock (serverLogs)
        {
            serverLogs.Add((log, log.Mark(), name));
        }
    }

    /// <summary>A browser context this run records and closes at its end.</summary>
    public async Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        lock (contexts)
        {
            contexts.Add(context);
        }
        await Browser.WatchAsync(context, $"person{Interlocked.Increment(ref people)}");
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        List<IBrowserContext> open;
        lock (contexts)
        {
            open = [.. contexts];
            contexts.Clear();
        }
        // Close tabs the way a user does, so their circuits end now rather than after the disconnect grace.
        await Task.WhenAll(open.Select(CloseAsync));
        WriteDiagnostics();
        if (output is not null)
        {
            ThrowIfCspViolations();
        }
    }

    /// <summary>Fails the test if any tab reported a Content Security Policy violation so far.</summary>
    public void ThrowIfCspViolations()
    {
        if (Browser.CspViolations.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                "Content Security Policy violations:" + Environment.NewLine + string.Join(Environment.NewLine, Browser.CspViolations.Select(Format)));
        }
    }

    private static async Task CloseAsync(IBrowserContext context)
    {
        try
        {
            foreach (var page in context.Pages.Where(p => !p.IsClosed).ToList())
            {
                var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                page.Close += (_, _) => closed.TrySetResult();
                await page.CloseAsync(new() { RunBeforeUnload = true });
                await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // A tab that will not close politely is closed with its context below.
        }
        await context.CloseAsync();
    }

    private void WriteDiagnostics()
    {
        if (output is null)
        {
            return;
        }
        List<(DateTimeOffset At, long Order, string Text)> timeline = [];
        lock (serverLogs)
        {
            foreach (var (log, mark, name) in serverLogs)
            {
                timeline.AddRange(log.Since(mark).Select(l => (l.At, l.Sequence, Format(name, l))));
            }
        }
        timeline.AddRange(Browser.Lines.Select((l, i) => (l.At, (long)i, Format(l))));
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"--- server log and browser, since the test started at {started:HH:mm:ss.fff} UTC ---");
        foreach (var (_, _, line) in timeline.OrderBy(t => t.At).ThenBy(t => t.Order))
        {
            text.AppendLine(line);
        }
        try
        {
            output.WriteLine(text.ToString());
        }
        catch (InvalidOperationException)
        {
            // The runner has already closed the output (a test that timed out): nothing left to attach to.
        }
    }

    private static string Format(string server, ServerLogLine line)
    {
        var category = line.Category[(line.Category.LastIndexOf('.') + 1)..];
        var eventId = line.EventId.Id != 0 ? $"[{line.EventId.Id}{(line.EventId.Name is { } n ? " " + n : "")}]" : "";
        var exception = line.Exception is null ? "" : Environment.NewLine + "    " + line.Exception.ToString().Replace("\n", "\n    ");
        return string.Create(CultureInfo.InvariantCulture,
            $"{line.At:HH:mm:ss.fff} {server} {Short(line.Level)} {category}{eventId}: {line.Message}{exception}");
    }

    private static string Format(BrowserLogLine line) =>
        string.Create(CultureInfo.InvariantCulture, $"{line.At:HH:mm:ss.fff} {line.Tab} {line.Kind}: {line.Text}");

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "FAIL",
        _ => "CRIT",
    };
}
