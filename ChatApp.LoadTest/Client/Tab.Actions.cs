using System.Text.Json;
using ChatApp.LoadTest.Dom;

namespace ChatApp.LoadTest.Client;

/// <summary>What a person does in the tab, dispatched like the browser's EventDelegator does it.</summary>
public sealed partial class Tab
{
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private const string ClickArgs = """{"detail":1,"screenX":0,"screenY":0,"clientX":0,"clientY":0,"offsetX":0,"offsetY":0,"pageX":0,"pageY":0,"movementX":0,"movementY":0,"button":0,"buttons":0,"ctrlKey":false,"shiftKey":false,"altKey":false,"metaKey":false,"type":"click"}""";

    /// <summary>
    /// Types <paramref name="text"/> and presses Enter: a change event on the box, then a click on Send. Returns the
    /// app's refusal (the text of the room's <c>error-message</c> once the click was handled, e.g. "sending too fast"),
    /// or null when the send went through. A refused message was never stored, so nobody else is meant to see it.
    /// </summary>
    public async Task<string?> SendMessageAsync(string text, CancellationToken cancellationToken = default)
    {
        // One send at a time, as in a browser, where Send is disabled while one is under way: the app ignores a click
        // that comes meanwhile, so a second send would vanish without a refusal to show for it.
        await sendGate.WaitAsync(cancellationToken);
        try
        {
            return await TypeAndSendAsync(text, cancellationToken);
        }
        catch (LoadTestException) when (Error is null)
        {
            // The composer re-rendered (a presence update) between reading its handler ids and the server getting the
            // events, so the old ids were gone. A browser has the same race, only a shorter window: try once more
            // with fresh ids. A stale change leaves the draft as it was and a stale click sends nothing, so no duplicate.
            options.Counters.Retry();
            return await TypeAndSendAsync(text, cancellationToken);
        }
        finally
        {
            sendGate.Release();
        }
    }

    private async Task<string?> TypeAndSendAsync(string text, CancellationToken cancellationToken)
    {
        var (change, click, componentId) = Read(d =>
        {
            var box = d.FirstByTestId("message-input") ?? throw new LoadTestException($"tab {Id}: no message box on the page.");
            var send = d.FirstByTestId("send-button") ?? throw new LoadTestException($"tab {Id}: no Send button on the page.");
            return (Handler(box, "change"), Handler(send, "click"), box.OwnerComponentId);
        });
        // Not awaited in between, like the browser: the circuit handles one tab's events in order.
        var changed = DispatchAsync(change, "change", JsonSerializer.Serialize(new { value = text }), componentId, text, cancellationToken);
        var sent = DispatchAsync(click, "click", ClickArgs, null, null, cancellationToken);
        await Task.WhenAll(changed, sent);
        // The click is answered only after its handler finished, and the render batch it made (the room clears its
        // error when a send starts and shows one if it was refused) comes before that answer on the same connection.
        return Read(d => d.FirstByTestId("error-message") is { } error ? error.InnerText().Trim() : null);
    }

    /// <summary>Picks a status in the user menu (opening the menu first if its list is not on the page).</summary>
    public async Task SetStatusAsync(string status, CancellationToken cancellationToken = default)
    {
        await OpenStatusMenuAsync(cancellationToken);
        await PickStatusAsync(status, cancellationToken);
    }

    /// <summary>Opens the user menu unless its status list is already on the page (choosing a status closes it).</summary>
    public async Task OpenStatusMenuAsync(CancellationToken cancellationToken = default)
    {
        if (Read(d => d.FirstByTestId("status-select")) is null)
        {
            await ClickAsync("user-menu", cancellationToken);
            await WaitUntilAsync(d => d.FirstByTestId("status-select") is not null, TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    /// <summary>
    /// Picks a status in the open user menu. Returns the <see cref="System.Diagnostics.Stopwatch"/> timestamp at which
    /// the change event went out: the moment the person changed their status (opening the menu came before it).
    /// </summary>
    public async Task<long> PickStatusAsync(string status, CancellationToken cancellationToken = default)
    {
        var (change, componentId) = Read(d =>
        {
            var select = d.FirstByTestId("status-select") ?? throw new LoadTestException($"tab {Id}: the user menu is not open.");
            return (Handler(select, "change"), select.OwnerComponentId);
        });
        var dispatched = System.Diagnostics.Stopwatch.GetTimestamp();
        await DispatchAsync(change, "change", JsonSerializer.Serialize(new { value = status }), componentId, status, cancellationToken);
        return dispatched;
    }

    public async Task ClickAsync(string testId, CancellationToken cancellationToken = default)
    {
        var click = Read(d => Handler(d.FirstByTestId(testId) ?? throw new LoadTestException($"tab {Id}: no {testId} on the page."), "click"));
        await DispatchAsync(click, "click", ClickArgs, null, null, cancellationToken);
    }

    /// <summary>What the activity script reports on input (keeps the person "online" rather than auto-away).</summary>
    public Task ReportActivityAsync(CancellationToken cancellationToken = default) =>
        InvokeDotNetAsync("Input", Interlocked.Read(ref activityObject), "[]", cancellationToken);

    /// <summary>What the composer script reports while typing (drives the others' typing indicator).</summary>
    public Task ReportDraftAsync(int length, CancellationToken cancellationToken = default) =>
        InvokeDotNetAsync("OnDraftInput", Interlocked.Read(ref composerObject), $"[{length}]", cancellationToken);

    private Task DispatchAsync(ulong handler, string eventName, string eventArgsJson, int? componentId, string? fieldValue, CancellationToken cancellationToken)
    {
        options.Counters.Event();
        var descriptor = new Dictionary<string, object?>
        {
            ["eventHandlerId"] = handler,
            ["eventName"] = eventName,
            ["eventFieldInfo"] = componentId is null ? null : new { componentId, fieldValue },
        };
        return InvokeDotNetAsync("DispatchEventAsync", Interlocked.Read(ref rendererObject),
            $"[{JsonSerializer.Serialize(descriptor)},{eventArgsJson}]", cancellationToken);
    }

    private ulong Handler(ElementNode element, string eventName) =>
        element.Events.TryGetValue(eventName, out var id) ? id
            : throw new LoadTestException($"tab {Id}: {element["data-testid"]} has no {eventName} handler.");
}
