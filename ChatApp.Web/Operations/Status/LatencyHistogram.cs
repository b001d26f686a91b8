namespace ChatApp.Web.Operations.Status;

/// <summary>
/// Durations counted into fixed logarithmic buckets (8 per doubling, from 1 µs to about 70 minutes): a constant
/// 2 KB however many are recorded, percentiles within about 4.5 %. Counts only grow, so recording is one
/// <see cref="Interlocked.Increment(ref long)"/> and never races the reader: an interval's percentiles come from the
/// difference between two <see cref="Snapshot"/>s, and a value recorded during a snapshot lands in this interval or
/// the next, never in neither.
/// </summary>
public sealed class LatencyHistogram
{
    private const int BucketsPerDoubling = 8;
    public const int BucketCount = 32 * BucketsPerDoubling;
    private const double Smallest = 1e-6; // seconds

    private readonly long[] counts = new long[BucketCount];

    public void Record(TimeSpan duration) => Interlocked.Increment(ref counts[BucketOf(duration.TotalSeconds)]);

    public void Record(double seconds) => Interlocked.Increment(ref counts[BucketOf(seconds)]);

    /// <summary>The counts so far (a copy; fill <paramref name="into"/> to reuse one buffer per interval).</summary>
    public void Snapshot(long[] into)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            into[i] = Volatile.Read(ref counts[i]);
        }
    }

    /// <summary>
    /// The value below which <paramref name="quantile"/> of what was recorded between two snapshots falls (the
    /// middle of its bucket); null when nothing was recorded in between.
    /// </summary>
    public static TimeSpan? Quantile(long[] before, long[] after, double quantile)
    {
        long total = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            total += after[i] - before[i];
        }
        if (total <= 0)
        {
            return null;
        }
        // The rank of the value asked for, counted from 1: p50 of 4 values is the 2nd, p99 of 100 the 99th.
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += after[i] - before[i];
            if (seen >= rank)
            {
                return TimeSpan.FromSeconds(MiddleOf(i));
            }
        }
        return TimeSpan.FromSeconds(MiddleOf(BucketCount - 1));
    }

    internal static int BucketOf(double seconds)
    {
        if (!(seconds > Smallest)) // also NaN and negatives
        {
            return 0;
        }
        var bucket = (int)(Math.Log2(seconds / Smallest) * BucketsPerDoubling);
        return Math.Min(bucket, BucketCount - 1);
    }

    /// <summary>The geometric middle of a bucket: within half a bucket's width (about 4.5 %) of anything in it.</summary>
    internal static double MiddleOf(int bucket) => Smallest * Math.Pow(2, (bucket + 0.5) / BucketsPerDoubling);
}
