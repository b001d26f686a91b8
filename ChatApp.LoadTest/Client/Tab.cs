using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatApp.LoadTest.Dom;
using ChatApp.LoadTest.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.LoadTest.Client;

/// <summary>
/// One browser tab without a browser: loads a page, runs its circuit over the real WebSocket (blazorpack), applies
/// and acknowledges every render batch in order, answers the JS interop calls, and dispatches UI events.
/// Batches arrive one at a time (the connection runs its handlers in order); readers take <see cref="gate"/>.
/// </summary>
public sealed partial class Tab(int id, UserAccount user, string path, TabOptions options) : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly Document document = new();
    private readonly List<(Func<Document, bool> Condition, TaskCompletionSource<long> Done)> waiters = [];
    private readonly TaskCompletionSource rendererAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? connection;
    private long nextBatchId = 2;
    private long batchReceivedAt;

    public int Id { get; } = id;
    public UserAccount User { get; } = user;
    public string Path { get; } = path;
    public string? CircuitSecret { get; private set; }

    /// <summary>Set when the circuit failed (JS.Error, a broken batch, a dropped connection): the tab is dead.</summary>
    public string? Error { get; private set; }

    public bool IsOpen => connection?.State == HubConnectionState.Connected && Error is null;

    /// <summary>
    /// Called under the tab's lock for every text that appears, with the <see cref="Stopwatch"/> timestamp at which
    /// its batch arrived (not when it was acknowledged): the moment a browser would have it.
    /// </summary>
    public Action<Tab, string, long>? TextShown { get; set; }

    /// <summary>Runs a query on the page under the tab's lock.</summary>
    public T Read<T>(Func<Document, T> query)
    {
        lock (gate)
        {
            return query(document);
        }
    }

    /// <summary>Opens the page and its circuit, and returns once the room is shown and the composer is wired.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var html = await User.GetPageAsync(Path, cancellationToken);
        var markers = Markers(html);
        if (markers.Count == 0)
        {
            throw new LoadTestException($"GET {Path} has no server component markers.");
        }
        var state = ServerState().Match(html) is { Success: true } m ? m.Groups[1].Value : "";

        document.TextShown = text =>
        {
            if (Tracing) Trace($"text {text[..Math.Min(text.Length, 80)]}");
            TextShown?.Invoke(this, text, batchReceivedAt);
        };
        connection = Connect();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OpenTimeout);
        await connection.StartAsync(timeout.Token);
        var page = new Uri(User.BaseUri, Path.TrimStart('/'));
        CircuitSecret = await connection.InvokeAsync<string?>("StartCircuit", User.BaseUri.ToString(), page.ToString(), "[]", state, timeout.Token)
            ?? throw new LoadTestException($"StartCircuit refused ({Error ?? "no reason given"}).");

        // The browser adds the root components only once the server attached its renderer's interop object.
        await rendererAttached.Task.WaitAsync(timeout.Token);
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = markers[i] });
        }
        var payload = new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
        await connection.SendAsync("UpdateRootComponents", payload, state, timeout.Token);

        // Ready when a person could type: the same point the E2E suite waits for (room title + composer script wired).
        await WaitUntilAsync(d => composerObject != 0 && d.FirstByTestId("room-title") is not null, options.OpenTimeout, cancellationToken);
    }

    /// <summary>Waits until the page satisfies <paramref name="condition"/>; false if the time ran out first.</summary>
    public async Task<bool> TryWaitUntilAsync(Func<Document, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await WhenAsync(condition, timeout, cancellationToken) is not null;

    /// <summary>
    /// Waits until the page satisfies <paramref name="condition"/> and returns the <see cref="Stopwatch"/> timestamp at
    /// which the batch that made it true arrived (now, if it already holds); null if the time ran out first.
    /// </summary>
    public async Task<long?> WhenAsync(Func<Document, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<long> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (Error is not null)
            {
                throw new LoadTestException($"tab {Id}: {Error}");
            }
            if (condition(document))
            {
                return Stopwatch.GetTimestamp();
            }
            waiters.Add((condition, done));
        }
        try
        {
            return await done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                waiters.RemoveAll(w => w.Done == done);
            }
            return null;
        }
    }

    public async Task WaitUntilAsync(Func<Document, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!await TryWaitUntilAsync(condition, timeout, cancellationToken))
        {
            options.Counters.Timeout();
            throw new LoadTestException($"tab {Id} ({User.DisplayName}): the page did not reach the expected state within {timeout.TotalSeconds:0} s.");
        }
    }

    private async Task OnRenderBatchAsync(HubConnection hub, long batchId, byte[] bytes)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        if (Tracing) Trace($"batch {batchId} ({bytes.Length} B)");
        options.Counters.Batch(bytes.Length);
        if (batchId < nextBatchId)
        {
            // Re-sent after a reconnect and already applied: acknowledge again, as the browser does.
            await hub.SendAsync("OnRenderCompleted", batchId, (string?)null);
            return;
        }
        if (batchId > nextBatchId)
        {
            // After a reconnect the server can send a new batch before re-sending the ones the dropped socket lost.
            // The browser ignores it and waits; keeping it and applying it in its turn ends the same, without a stall.
            early[batchId] = (bytes, receivedAt);
            return;
        }
        if (!await ApplyAsync(hub, batchId, bytes, receivedAt))
        {
            return;
        }
        while (early.Remove(nextBatchId, out var next))
        {
            if (!await ApplyAsync(hub, nextBatchId, next.Bytes, next.ReceivedAt))
            {
                return;
            }
        }
    }

    /// <summary>Batches that arrived ahead of their turn (id to bytes), applied once the gap is filled.</summary>
    private readonly SortedDictionary<long, (byte[] Bytes, long ReceivedAt)> early = [];

    private async Task<bool> ApplyAsync(HubConnection hub, long batchId, byte[] bytes, long receivedAt)
    {
        try
        {
            var batch = new RenderBatch(bytes);
            lock (gate)
            {
                batchReceivedAt = receivedAt;
                document.Apply(batch);
                CompleteWaiters();
            }
        }
        catch (Exception e)
        {
            // Anything thrown here would leave the batch unacknowledged and silently stall the tab: fail it loudly.
            await hub.SendAsync("OnRenderCompleted", batchId, e.Message);
            Fail($"render batch {batchId} could not be applied: {e.GetType().Name}: {e.Message}");
            return false;
        }
        nextBatchId = batchId + 1;
        await hub.SendAsync("OnRenderCompleted", batchId, (string?)null);
        return true;
    }

    private void CompleteWaiters()
    {
        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            if (waiters[i].Condition(document))
            {
                waiters[i].Done.TrySetResult(batchReceivedAt);
                waiters.RemoveAt(i);
            }
        }
    }

    private void Fail(string error)
    {
        if (disposing)
        {
            // After the disconnect beacon the server ends the circuit and answers any late ack with JS.Error
            // ("Circuit has been shut down"); the tab is closing, as a browser page would be gone by then.
            return;
        }
        lock (gate)
        {
            if (Error is not null)
            {
                return;
            }
            Error = error;
            foreach (var waiter in waiters)
            {
                waiter.Done.TrySetException(new LoadTestException($"tab {Id}: {error}"));
            }
            waiters.Clear();
        }
        options.Counters.Error($"tab {Id} ({User.DisplayName}): {error}");
        rendererAttached.TrySetException(new LoadTestException(error));
        foreach (var pending in calls.Values)
        {
            pending.TrySetException(new LoadTestException(error));
        }
    }

    private volatile bool disposing;

    /// <summary>Closes the tab like a browser does: the disconnect beacon, then the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        disposing = true;
        if (CircuitSecret is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await User.DisconnectCircuitAsync(CircuitSecret, timeout.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // The server is gone or busy; stopping the socket below still ends the circuit (after its retention).
            }
        }
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
