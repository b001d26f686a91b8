using System.Diagnostics;
using HdrHistogram;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>A latency distribution recorded from many threads, in microseconds (1 µs to 10 min, 3 significant digits).</summary>
public sealed class Latency
{
    private readonly LongConcurrentHistogram histogram = new(1, 600_000_000, 3);

    public void Record(long fromTimestamp, long toTimestamp)
    {
        var micros = Math.Max(1, (long)Stopwatch.GetElapsedTime(fromTimestamp, toTimestamp).TotalMicroseconds);
        histogram.RecordValue(Math.Min(micros, histogram.HighestTrackableValue));
    }

    /// <summary>A latency measured elsewhere (a browser's clock), in milliseconds.</summary>
    public void RecordMilliseconds(double milliseconds) =>
        histogram.RecordValue(Math.Clamp((long)(milliseconds * 1000), 1, histogram.HighestTrackableValue));

    public LatencySummary Summary()
    {
        var copy = histogram.Copy();
        double Ms(double percentile) => copy.TotalCount == 0 ? 0 : copy.GetValueAtPercentile(percentile) / 1000.0;
        return new LatencySummary(copy.TotalCount, Ms(50), Ms(90), Ms(99), copy.TotalCount == 0 ? 0 : copy.GetMaxValue() / 1000.0);
    }
}

public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs);
