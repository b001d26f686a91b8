using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using ChatApp.Core.Presence;

namespace ChatApp.Benchmarks;

/// <summary>Single operations on a topic that already holds <see cref="TopicSize"/> users, against two baselines.</summary>
[Config(typeof(PresenceBenchmarkConfig))]
public class TopicOperationBenchmarks
{
    private static readonly PresenceInfo Info = new("Newcomer", "#993366");
    private PresenceTracker tracker = null!;
    private ConcurrentDictionary<string, PresenceInfo> dictionary = null!;
    private Channel<PresenceInfo> channel = null!;
    private bool away;

    [Params(10, 1_000, 10_000)]
    public int TopicSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        tracker = Engines.WithTopicOf(TopicSize);
        dictionary = new ConcurrentDictionary<string, PresenceInfo>(
            Enumerable.Range(0, TopicSize).Select(i => KeyValuePair.Create($"circuit{i}", Info)));
        channel = Channel.CreateUnbounded<PresenceInfo>();
    }

    [GlobalCleanup]
    public void Cleanup() => tracker.Dispose();

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary add+remove")]
    public bool DictionaryAddRemove() => dictionary.TryAdd("newcomer", Info) && dictionary.TryRemove("newcomer", out _);

    [Benchmark(Description = "Channel write+read")]
    public bool ChannelWriteRead() => channel.Writer.TryWrite(Info) && channel.Reader.TryRead(out _);

    [Benchmark(Description = "Track+Untrack")]
    public bool TrackUntrack()
    {
        tracker.Track(Engines.Topic, "newcomer", "new-circuit", Info);
        return tracker.Untrack(Engines.Topic, "newcomer", "new-circuit");
    }

    [Benchmark(Description = "Update (status)")]
    public PresenceMeta? Update()
    {
        away = !away;
        return tracker.Update(Engines.Topic, "user0", "circuit0", status: away ? PresenceStatus.Away : PresenceStatus.Online);
    }

    [Benchmark(Description = "List (shared snapshot)")]
    public int List() => tracker.List(Engines.Topic, "viewer").Count;

    [Benchmark(Description = "List+enumerate users")]
    public int ListAndEnumerate()
    {
        var count = 0;
        foreach (var user in tracker.List(Engines.Topic, "viewer").Users)
        {
            count += user.ConnectionCount;
        }
        return count;
    }

    [Benchmark(Description = "Update then List (snapshot rebuilt)")]
    public int UpdateThenList()
    {
        Update();
        return tracker.List(Engines.Topic, "viewer").Count;
    }
}
