namespace ChatApp.LoadTest.Client;

/// <summary>How a tab behaves on the wire; the defaults are what blazor.web.js does.</summary>
public sealed record TabOptions
{
    /// <summary>The browser negotiates before the WebSocket; skipping it saves one POST per tab.</summary>
    public bool SkipNegotiation { get; init; }

    /// <summary>Height of the online list's viewport reported to Virtualize (about 15 rows of 40 px).</summary>
    public int ViewportHeight { get; init; } = 600;

    /// <summary>The IANA zone the tab's "browser" reports for message times.</summary>
    public string TimeZone { get; init; } = "Etc/UTC";

    /// <summary>How long to wait for the circuit to render the room before the tab counts as failed.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Counters shared by every tab of a run (may be shared across threads).</summary>
    public LoadCounters Counters { get; init; } = new();
}

/// <summary>What all tabs of a run did, updated from many threads.</summary>
public sealed class LoadCounters
{
    private long batches, batchBytes, interopCalls, events, errors, retries, drops, timeouts;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> unknownInterop = new();

    public long Batches => Interlocked.Read(ref batches);
    public long BatchBytes => Interlocked.Read(ref batchBytes);
    public long InteropCalls => Interlocked.Read(ref interopCalls);
    public long Events => Interlocked.Read(ref events);
    public long Errors => Interlocked.Read(ref errors);

    /// <summary>Connections the server closed or that broke under a tab (a browser would have had to reconnect).</summary>
    public long ConnectionDrops => Interlocked.Read(ref drops);

    /// <summary>Waits that ran out of time: a tab that did not open, or a page that did not reach the state waited for.</summary>
    public long Timeouts => Interlocked.Read(ref timeouts);

    /// <summary>Sends tried again because the page re-rendered under the event (stale handler ids).</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>JS calls no rule knows (answered with null); listed once each so new app calls get noticed.</summary>
    public IReadOnlyCollection<string> UnknownInterop => unknownInterop.Keys.ToArray();

    public System.Collections.Concurrent.ConcurrentQueue<string> ErrorSamples { get; } = new();

    internal void Batch(int bytes) { Interlocked.Increment(ref batches); Interlocked.Add(ref batchBytes, bytes); }
    internal void Interop() => Interlocked.Increment(ref interopCalls);
    internal void Event() => Interlocked.Increment(ref events);
    internal void Retry() => Interlocked.Increment(ref retries);
    internal void Drop() => Interlocked.Increment(ref drops);
    internal void Timeout() => Interlocked.Increment(ref timeouts);
    internal void Unknown(string identifier) => unknownInterop.TryAdd(identifier, 0);

    internal void Error(string message)
    {
        Interlocked.Increment(ref errors);
        if (ErrorSamples.Count < 20)
        {
            ErrorSamples.Enqueue(message);
        }
    }
}
