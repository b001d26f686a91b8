using System.Diagnostics.Metrics;
using ChatApp.Core.Diagnostics;

namespace ChatApp.Web.Operations.Status;

/// <summary>
/// Reads the instruments the status page shows, by name (<see cref="ChatMetrics.Names"/>), through one
/// <see cref="MeterListener"/> per app: only the meters of this app's <see cref="IMeterFactory"/> (its scope), so two
/// hosts in one process (tests, a two-node run) each read their own. Counters and up-down counters are kept as
/// running totals (one <see cref="Interlocked"/> add per measurement, from any thread); observable gauges are asked
/// for at <see cref="Read"/>; the send-duration histogram goes into a fixed-size <see cref="LatencyHistogram"/>.
/// </summary>
public sealed class StatusMeters : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly IMeterFactory meters;
    private readonly Lock reading = new();
    private readonly Dictionary<string, Total> totals = new()
    {
        [ChatMetrics.Names.UsersPresent] = new(),
        [ChatMetrics.Names.TabsPresent] = new(),
        [ChatMetrics.Names.CircuitsActive] = new(),
        [ChatMetrics.Names.MessagesSent] = new(),
        [ChatMetrics.Names.SignInFailures] = new(),
        [ChatMetrics.Names.RateLimitRefusals] = new(),
    };
    private readonly LatencyHistogram sendLatency = new();

    public StatusMeters(IMeterFactory meters)
    {
        this.meters = meters;
        listener.InstrumentPublished = OnPublished;
        listener.SetMeasurementEventCallback<long>((_, value, _, state) => Record(state, value));
        listener.SetMeasurementEventCallback<int>((_, value, _, state) => Record(state, value));
        listener.SetMeasurementEventCallback<double>((_, value, _, state) => Record(state, value));
        listener.Start();
    }

    private void OnPublished(Instrument instrument, MeterListener source)
    {
        if (!ReferenceEquals(instrument.Meter.Scope, meters)
            || instrument.Meter.Name is not (ChatMetrics.MeterName or ChatMetrics.CircuitsMeterName))
        {
            return;
        }
        if (instrument.Name == ChatMetrics.Names.SendDuration)
        {
            source.EnableMeasurementEvents(instrument, new Latency(sendLatency, SecondsPerUnit(instrument.Unit)));
        }
        else if (totals.TryGetValue(instrument.Name, out var total))
        {
            if (instrument.IsObservable)
            {
                total.Observed = true;
            }
            source.EnableMeasurementEvents(instrument, total);
        }
    }

    private static double SecondsPerUnit(string? unit) => unit switch
    {
        "ms" => 1e-3,
        "us" or "µs" => 1e-6,
        "ns" => 1e-9,
        _ => 1,
    };

    private static void Record(object? state, long value)
    {
        if (state is Total total)
        {
            Interlocked.Add(ref total.Value, value);
        }
    }

    private static void Record(object? state, double value)
    {
        switch (state)
        {
            case Latency latency:
                latency.Histogram.Record(value * latency.SecondsPerUnit);
                break;
            case Total total:
                Interlocked.Add(ref total.Value, (long)Math.Round(value));
                break;
        }
    }

    /// <summary>
    /// The totals and gauges now. Observable gauges are asked once per read, on this thread; reads are one at a time
    /// (the sampler is the only caller in the app; the lock keeps a second caller from mixing two observations).
    /// </summary>
    public MeterReading Read()
    {
        lock (reading)
        {
            foreach (var total in totals.Values.Where(t => t.Observed))
            {
                Volatile.Write(ref total.Value, 0);
            }
            listener.RecordObservableInstruments();
            var latencies = new long[LatencyHistogram.BucketCount];
            sendLatency.Snapshot(latencies);
            return new MeterReading(
                Value(ChatMetrics.Names.UsersPresent),
                Value(ChatMetrics.Names.TabsPresent),
                Value(ChatMetrics.Names.CircuitsActive),
                Value(ChatMetrics.Names.MessagesSent),
                Value(ChatMetrics.Names.SignInFailures),
                Value(ChatMetrics.Names.RateLimitRefusals),
                latencies);
        }
    }

    private long Value(string name) => Volatile.Read(ref totals[name].Value);

    public void Dispose() => listener.Dispose();

    /// <summary>A counter's running total, or an observable gauge's sum over its last observation.</summary>
    private sealed class Total
    {
        public long Value;
        public bool Observed;
    }

    private sealed record Latency(LatencyHistogram Histogram, double SecondsPerUnit);
}

/// <summary>
/// The readings at one moment: gauges (users, tabs, circuits), running totals of the counters since the app
/// started, and the send-latency histogram's counts (subtract an earlier reading's to get an interval's).
/// </summary>
public sealed record MeterReading(
    long UsersOnline,
    long Tabs,
    long Circuits,
    long MessagesSent,
    long SignInFailures,
    long RateLimitRefusals,
    long[] SendLatencyCounts);
