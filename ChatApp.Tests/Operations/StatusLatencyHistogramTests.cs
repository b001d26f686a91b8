using ChatApp.Web.Operations.Status;

namespace ChatApp.Tests.Operations;

public sealed class StatusLatencyHistogramTests
{
    private static (TimeSpan? P50, TimeSpan? P99) Percentiles(LatencyHistogram histogram, long[] before)
    {
        var after = new long[LatencyHistogram.BucketCount];
        histogram.Snapshot(after);
        return (LatencyHistogram.Quantile(before, after, 0.5), LatencyHistogram.Quantile(before, after, 0.99));
    }

    [Theory]
    [InlineData(0.000_05)]
    [InlineData(0.003)]
    [InlineData(0.25)]
    [InlineData(2.0)]
    public void APercentileIsWithinFivePercentOfTheTrueValueAcrossTheRange(double scale)
    {
        var histogram = new LatencyHistogram();
        var before = new long[LatencyHistogram.BucketCount];
        histogram.Snapshot(before);
        // 1..1000 times the scale, shuffled: p50 is 500x, p99 990x.
        foreach (var i in Enumerable.Range(1, 1000).OrderBy(i => (i * 7919) % 1000))
        {
            histogram.Record(i * scale);
        }

        var (p50, p99) = Percentiles(histogram, before);

        Assert.InRange(p50!.Value.TotalSeconds / (500 * scale), 0.95, 1.05);
        Assert.InRange(p99!.Value.TotalSeconds / (990 * scale), 0.95, 1.05);
    }

    [Fact]
    public void AnIntervalCountsOnlyWhatWasRecordedSinceItsStart()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 1000; i++)
        {
            histogram.Record(TimeSpan.FromSeconds(2));
        }
        var before = new long[LatencyHistogram.BucketCount];
        histogram.Snapshot(before);
        Assert.Equal((null, null), Percentiles(histogram, before));

        histogram.Record(TimeSpan.FromMilliseconds(3));

        Assert.InRange(Percentiles(histogram, before).P99!.Value.TotalMilliseconds, 2.85, 3.15);
    }

    [Fact]
    public void ValuesOutsideTheRangeLandInTheEndBucketsInsteadOfFailing()
    {
        var histogram = new LatencyHistogram();
        var before = new long[LatencyHistogram.BucketCount];
        histogram.Snapshot(before);
        histogram.Record(-1);
        histogram.Record(double.NaN);
        histogram.Record(1e9);

        var (p50, p99) = Percentiles(histogram, before);

        Assert.True(p50 < TimeSpan.FromMilliseconds(0.01));
        Assert.True(p99 > TimeSpan.FromMinutes(30));
    }
}
