using System.Diagnostics;
using ChatApp.Core.Presence;

namespace ChatApp.Benchmarks;

/// <summary>
/// Track+untrack throughput of one shared tracker on one thread against two threads, on two topics and on one topic.
/// The three set-ups run interleaved, round after round, so a neighbour's load hits them alike; each round's
/// throughput ratio (two threads' operations per second over one thread's) is reported, then the median.
/// Two cores can give at most 2.0x on two topics; on one topic the topic's lock serialises the work, so about 1.0x.
/// </summary>
internal static class ScalingHarness
{
    private const int PairsPerRound = 300_000;
    private static readonly PresenceInfo Info = new("Newcomer", "#993366");

    public static void Run(int rounds)
    {
        using var tracker = new PresenceTracker(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(
            new PresenceOptions { DiffTick = TimeSpan.Zero, LeaveDebounce = TimeSpan.Zero, NodeId = "bench" }));
        for (var topic = 0; topic < 2; topic++)
        {
            for (var i = 0; i < 1_000; i++)
            {
                tracker.Track($"room:{topic}", $"user{topic}-{i}", $"circuit{topic}-{i}", Info);
            }
        }
        Measure(tracker, threads: 2, sameTopic: false);
        Measure(tracker, threads: 1, sameTopic: false);
        Measure(tracker, threads: 2, sameTopic: true);

        var twoTopics = new List<double>();
        var oneTopic = new List<double>();
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("round  1 thread (pairs/s)  2 threads, 2 topics  2 threads, 1 topic");
        for (var round = 1; round <= rounds; round++)
        {
            var one = Measure(tracker, threads: 1, sameTopic: false);
            var two = Measure(tracker, threads: 2, sameTopic: false);
            var same = Measure(tracker, threads: 2, sameTopic: true);
            twoTopics.Add(two / one);
            oneTopic.Add(same / one);
            Console.WriteLine($"{round,5}  {one,20:N0}  {two / one,18:0.00}x  {same / one,17:0.00}x");
        }
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"median: 2 threads on 2 topics {Median(twoTopics):0.00}x, 2 threads on 1 topic {Median(oneTopic):0.00}x the work of 1 thread");
    }

    /// <summary>Track+untrack pairs per second, <see cref="PairsPerRound"/> split across the threads.</summary>
    private static double Measure(PresenceTracker tracker, int threads, bool sameTopic)
    {
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var (topic, key, connection) = (sameTopic ? "room:0" : $"room:{t}", $"newcomer{t}", $"new-circuit{t}");
            start.SignalAndWait();
            for (var i = PairsPerRound / threads; i > 0; i--)
            {
                tracker.Track(topic, key, connection, Info);
                tracker.Untrack(topic, key, connection);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        workers.ForEach(w => w.Join());
        return PairsPerRound / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
