using System.Diagnostics;
using ChatApp.Core.Presence;

namespace ChatApp.Benchmarks;

/// <summary>
/// Immediate mode (DiffTick 0): the time from a change (a status update) to the subscriber's callback starting, one
/// change at a time, as a distribution. Each round measures <see cref="SamplesPerRound"/> changes with 1 and with 10
/// subscribers (the latency of the first callback to start, and of the last) in a topic of 100 users.
/// </summary>
internal static class LatencyHarness
{
    private const int SamplesPerRound = 20_000;

    public static void Run(int rounds)
    {
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var subscribers in new[] { 1, 10 })
        {
            var first = new List<double>();
            var last = new List<double>();
            for (var round = 0; round < Math.Max(1, rounds / 5); round++)
            {
                var (f, l) = Measure(subscribers);
                first.AddRange(f);
                last.AddRange(l);
            }
            Report($"{subscribers} subscriber(s), first callback", first);
            if (subscribers > 1)
            {
                Report($"{subscribers} subscribers, last callback", last);
            }
        }
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static (double[] First, double[] Last) Measure(int subscriberCount)
    {
        using var tracker = Engines.WithTopicOf(100);
        using var done = new ManualResetEventSlim();
        long changedAt = 0;
        long firstAt = 0;
        long lastAt = 0;
        var pending = 0;
        var subscriptions = Enumerable.Range(0, subscriberCount).Select(i => tracker.Subscribe(Engines.Topic, $"viewer{i}", _ =>
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref firstAt, now, 0);
            if (Interlocked.Decrement(ref pending) == 0)
            {
                Volatile.Write(ref lastAt, now);
                done.Set();
            }
            return Task.CompletedTask;
        })).ToList();
        subscriptions.ForEach(s => s.TakeInitial());
        var first = new double[SamplesPerRound];
        var last = new double[SamplesPerRound];
        var away = false;
        for (var i = -2_000; i < SamplesPerRound; i++)
        {
            done.Reset();
            Volatile.Write(ref pending, subscriberCount);
            Volatile.Write(ref firstAt, 0);
            away = !away;
            changedAt = Stopwatch.GetTimestamp();
            tracker.Update(Engines.Topic, "user0", "circuit0", status: away ? PresenceStatus.Away : PresenceStatus.Online);
            done.Wait();
            if (i >= 0)
            {
                first[i] = Stopwatch.GetElapsedTime(changedAt, Volatile.Read(ref firstAt)).TotalMicroseconds;
                last[i] = Stopwatch.GetElapsedTime(changedAt, Volatile.Read(ref lastAt)).TotalMicroseconds;
            }
        }
        subscriptions.ForEach(s => s.Dispose());
        return (first, last);
    }

    private static void Report(string what, List<double> samples)
    {
        samples.Sort();
        double P(double p) => samples[Math.Min(samples.Count - 1, (int)(p / 100 * samples.Count))];
        Console.WriteLine(
            $"{what,-40} n={samples.Count,7}  p50 {P(50),7:0.0} us  p90 {P(90),7:0.0} us  p99 {P(99),7:0.0} us  p99.9 {P(99.9),8:0.0} us  max {samples[^1],8:0.0} us");
    }
}
