using System.Collections.Concurrent;
using System.Diagnostics;
using ChatApp.Core.Presence;

namespace ChatApp.Benchmarks;

/// <summary>
/// Track+untrack on one thread against a <see cref="ConcurrentDictionary{TKey, TValue}"/> add+remove, in CPU time
/// (the process's user + system time, not the wall clock): on a machine shared with other work a thread that waits for
/// a core costs wall time but no CPU time, so this ratio moves far less with the machine's load than
/// BenchmarkDotNet's. The two alternate round after round on a topic of <c>topicSize</c> users; the median is reported.
/// </summary>
internal static class CostHarness
{
    private const int PairsPerRound = 1_000_000;
    private static readonly PresenceInfo Info = new("Newcomer", "#993366");

    public static void Run(int rounds, int topicSize)
    {
        using var tracker = Engines.WithTopicOf(topicSize);
        var dictionary = new ConcurrentDictionary<string, PresenceInfo>(
            Enumerable.Range(0, topicSize).Select(i => KeyValuePair.Create($"circuit{i}", Info)));
        Engine(tracker, PairsPerRound / 10);
        Dictionary(dictionary, PairsPerRound / 10);
        var ratios = new List<double>();
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"topic of {topicSize}: round  track+untrack (CPU ns)  dictionary add+remove (CPU ns)  ratio");
        for (var round = 1; round <= rounds; round++)
        {
            var engine = CpuNanosecondsPerPair(() => Engine(tracker, PairsPerRound));
            var baseline = CpuNanosecondsPerPair(() => Dictionary(dictionary, PairsPerRound));
            ratios.Add(engine / baseline);
            Console.WriteLine($"{round,18}  {engine,22:0.0}  {baseline,30:0.0}  {engine / baseline,5:0.00}x");
        }
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"median: track+untrack costs {ratios.Order().ElementAt(ratios.Count / 2):0.00}x a dictionary add+remove (topic of {topicSize})");
    }

    private static double CpuNanosecondsPerPair(Action run)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        run();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalNanoseconds / PairsPerRound;
    }

    private static void Engine(PresenceTracker tracker, int pairs)
    {
        for (var i = pairs; i > 0; i--)
        {
            tracker.Track(Engines.Topic, "newcomer", "new-circuit", Info);
            tracker.Untrack(Engines.Topic, "newcomer", "new-circuit");
        }
    }

    private static void Dictionary(ConcurrentDictionary<string, PresenceInfo> dictionary, int pairs)
    {
        for (var i = pairs; i > 0; i--)
        {
            dictionary.TryAdd("newcomer", Info);
            dictionary.TryRemove("newcomer", out _);
        }
    }
}
