using System.Globalization;
using System.Text.Json;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>What a run measured: a few named figures and latency distributions, printed as a table and as JSON.</summary>
public sealed class RunResult(string scenario)
{
    public string Scenario { get; } = scenario;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public SortedDictionary<string, object?> Figures { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, LatencySummary> Latencies { get; } = new(StringComparer.Ordinal);
    public List<string> Errors { get; } = [];
    public List<string> UnknownInterop { get; } = [];

    /// <summary>Lines printed after the figures (a table of a series, the top types of a heap dump).</summary>
    public List<string> Lines { get; } = [];

    public void AddCounters(LoadCounters counters)
    {
        Figures["render_batches"] = counters.Batches;
        Figures["render_batch_bytes"] = counters.BatchBytes;
        Figures["interop_calls"] = counters.InteropCalls;
        Figures["ui_events"] = counters.Events;
        Figures["errors"] = counters.Errors;
        Figures["connection_drops"] = counters.ConnectionDrops;
        Figures["timeouts"] = counters.Timeouts;
        Figures["send_retries"] = counters.Retries;
        // The load client's own footprint, to tell how many tabs one machine can drive.
        Figures["client_rss_mb"] = Environment.WorkingSet / 1048576.0;
        Figures["client_cpu_s"] = Environment.CpuUsage.TotalTime.TotalSeconds;
        Errors.AddRange(counters.ErrorSamples);
        UnknownInterop.AddRange(counters.UnknownInterop);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"== {Scenario} ==");
        foreach (var (name, value) in Figures)
        {
            output.WriteLine($"  {name,-32} {Format(value)}");
        }
        if (Latencies.Count > 0)
        {
            output.WriteLine($"  {"latency (ms)",-32} {"count",8} {"p50",9} {"p90",9} {"p99",9} {"max",9}");
            foreach (var (name, l) in Latencies)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-32} {l.Count,8} {l.P50Ms,9:0.0} {l.P90Ms,9:0.0} {l.P99Ms,9:0.0} {l.MaxMs,9:0.0}"));
            }
        }
        foreach (var line in Lines)
        {
            output.WriteLine($"  {line}");
        }
        foreach (var error in Errors.Take(10))
        {
            output.WriteLine($"  error: {error}");
        }
        if (UnknownInterop.Count > 0)
        {
            output.WriteLine($"  JS calls answered with null by default: {string.Join(", ", UnknownInterop)}");
        }
    }

    public async Task WriteJsonAsync(string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, new
        {
            scenario = Scenario,
            startedAt = StartedAt,
            figures = Figures,
            latencies = Latencies,
            lines = Lines,
            errors = Errors,
            unknownInterop = UnknownInterop,
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
    }

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        null => "-",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
