using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using ChatApp.Core.Presence;

namespace ChatApp.Benchmarks;

/// <summary>
/// One status change in a topic of <see cref="TopicSize"/> users, delivered to <see cref="Subscribers"/> subscribers
/// (DiffTick 0, so it is flushed at once). Each op waits until every subscriber's handler has run and read its events,
/// so it measures the whole fan-out including the thread-pool hops, not just the hand-over.
/// </summary>
[Config(typeof(PresenceBenchmarkConfig))]
public class FanOutBenchmarks
{
    private readonly ManualResetEventSlim delivered = new();
    private readonly List<PresenceSubscription> subscriptions = [];
    private PresenceTracker tracker = null!;
    private Channel<int> channel = null!;
    private int pending;
    private bool away;

    [Params(10, 1_000, 10_000)]
    public int TopicSize { get; set; }

    [Params(1, 100, 1_000)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        tracker = Engines.WithTopicOf(TopicSize);
        channel = Channel.CreateUnbounded<int>();
        for (var i = 0; i < Subscribers; i++)
        {
            subscriptions.Add(tracker.Subscribe(Engines.Topic, $"viewer{i}", OnChange));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        subscriptions.ForEach(s => s.Dispose());
        tracker.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Channel write+read")]
    public bool ChannelWriteRead() => channel.Writer.TryWrite(1) && channel.Reader.TryRead(out _);

    [Benchmark(Description = "Fan-out of one change")]
    public void FanOut()
    {
        delivered.Reset();
        Volatile.Write(ref pending, Subscribers);
        away = !away;
        tracker.Update(Engines.Topic, "user0", "circuit0", status: away ? PresenceStatus.Away : PresenceStatus.Online);
        delivered.Wait();
    }

    private Task OnChange(PresenceChange change)
    {
        // Merged changes (a subscriber still busy with the previous op) are impossible here: each op waits for all.
        if (change.Events.Count > 0 && Interlocked.Decrement(ref pending) == 0)
        {
            delivered.Set();
        }
        return Task.CompletedTask;
    }
}
