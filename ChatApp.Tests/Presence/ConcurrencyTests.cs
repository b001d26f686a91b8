using ChatApp.Core.Presence;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Presence;

public sealed class ConcurrencyTests
{
    private const int Workers = 4;
    private const int OperationsPerWorker = 5_000;
    private const int MinimumSubscriberRounds = 50;
    private static readonly string[] Topics = ["site", "room:0", "room:1", "room:2"];
    private static readonly PresenceStatus[] Statuses = [PresenceStatus.Online, PresenceStatus.Busy, PresenceStatus.Away, PresenceStatus.Invisible];

    /// <summary>
    /// Each worker owns its keys and connections, so its operations need no outside order and the final state is the
    /// union of the workers' sequential models, however the threads interleave. Topics, timers and subscriptions are
    /// shared, which is where the races are.
    /// </summary>
    /// <remarks>
    /// One seed in the normal run. A soak runs many: PRESENCE_SOAK_ROUNDS seeds from PRESENCE_SOAK_FIRST_SEED (see
    /// docs/performance.md); a failure names its seed, which replays the same operations (not the same interleaving).
    /// </remarks>
    [Fact]
    public async Task ConcurrentChangesEndWhereASequentialModelDoesAndEverySubscriberReplaysToIt()
    {
        var first = int.TryParse(Environment.GetEnvironmentVariable("PRESENCE_SOAK_FIRST_SEED"), out var f) ? f : 0;
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("PRESENCE_SOAK_ROUNDS"), out var n) ? n : 1;
        for (var seed = first; seed < first + rounds; seed++)
        {
            try
            {
                await RunAsync(seed);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"Seed {seed} failed: {ex}");
            }
        }
    }

    private static async Task RunAsync(int seed)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new PresenceOptions { DisconnectGrace = Timeout.InfiniteTimeSpan, NodeId = "node-a" };
        using var tracker = new PresenceTracker(time, Options.Create(options));
        // With every leave long past at the end, a model without debounce ends in the same state.
        var models = Enumerable.Range(0, Workers).Select(_ => new PresenceModel(TimeSpan.Zero, Timeout.InfiniteTimeSpan)).ToArray();
        var viewers = Enumerable.Range(0, Workers).SelectMany(w => Enumerable.Range(0, 3).Select(k => $"w{w}-user{k}")).Append("observer").ToArray();
        var active = new List<(string Topic, Recorder Recorder)>();
        var ended = new List<Recorder>();
        var workersLeft = Workers;
        // Everyone starts together, so the workers cannot finish before a subscriber has even begun.
        using var start = new ManualResetEventSlim();

        var workers = Enumerable.Range(0, Workers).Select(w => Task.Factory.StartNew(() =>
        {
            start.Wait();
            var random = new Random(seed * 1_000 + w);
            for (var i = 0; i < OperationsPerWorker; i++)
            {
                var operation = RandomOperation(random, w);
                operation.Apply(tracker, time);
                operation.Apply(models[w]);
            }
            Interlocked.Decrement(ref workersLeft);
        }, TaskCreationOptions.LongRunning)).ToList();

        var subscribers = Enumerable.Range(0, 2).Select(s => Task.Factory.StartNew(() =>
        {
            start.Wait();
            var random = new Random(seed * 1_000 + 100 + s);
            var mine = new List<(string Topic, Recorder Recorder)>();
            for (var round = 0; round < MinimumSubscriberRounds || Volatile.Read(ref workersLeft) > 0; round++)
            {
                if (mine.Count > 0 && random.Next(3) == 0)
                {
                    var gone = mine[random.Next(mine.Count)];
                    mine.Remove(gone);
                    gone.Recorder.Subscription.Dispose();
                    lock (ended)
                    {
                        ended.Add(gone.Recorder);
                    }
                }
                var topic = Topics[random.Next(Topics.Length)];
                var recorder = new Recorder();
                recorder.Subscription = tracker.Subscribe(topic, viewers[random.Next(viewers.Length)], recorder.Handle);
                mine.Add((topic, recorder));
            }
            lock (active)
            {
                active.AddRange(mine);
            }
        }, TaskCreationOptions.LongRunning)).ToList();

        var clock = Task.Factory.StartNew(() =>
        {
            start.Wait();
            while (Volatile.Read(ref workersLeft) > 0)
            {
                time.Advance(TimeSpan.FromMilliseconds(10));
            }
        }, TaskCreationOptions.LongRunning);

        start.Set();
        await Task.WhenAll([.. workers, .. subscribers, clock]);
        time.Advance(options.LeaveDebounce * 2);
        // A topic flushes at most every max(DiffTick, subscribers × FlushCostPerSubscriber) while it keeps changing:
        // one such interval after the last change, with every subscription ever made counted, everything is out.
        time.Advance(TopicTimers.Interval(options, active.Count + ended.Count));
        await tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var topic in Topics)
        {
            foreach (var viewer in viewers)
            {
                var expected = new SortedDictionary<string, string>(
                    models.SelectMany(m => m.View(topic, viewer)).ToDictionary(p => p.Key, p => p.Value));
                Assert.Equal(expected, PresenceModel.View(tracker.List(topic, viewer)));
            }
        }
        Assert.NotEmpty(active);
        foreach (var (topic, recorder) in active)
        {
            Replay.AssertConverged(recorder, tracker.List(topic, recorder.Subscription.ViewerKey));
        }
        foreach (var recorder in ended)
        {
            Replay.Apply(recorder.Initial, recorder.Changes);
        }
    }

    private static PresenceOperation RandomOperation(Random random, int worker)
    {
        var key = $"w{worker}-user{random.Next(3)}";
        var connection = $"{key}-c{random.Next(2)}";
        var topic = Topics[random.Next(Topics.Length)];
        var status = Statuses[random.Next(Statuses.Length)];
        return random.Next(20) switch
        {
            < 7 => new TrackOp(topic, key, connection, random.Next(2) == 0 ? null : status),
            < 10 => new UntrackOp(topic, key, connection),
            < 11 => new UntrackConnectionOp(connection),
            < 13 => new UpdateOp(topic, key, connection, status),
            < 14 => new SetStatusOp(key, status),
            < 15 => new SetConnectionStatusOp(connection, status),
            < 18 => new DownOp(connection),
            _ => new UpOp(connection),
        };
    }
}
