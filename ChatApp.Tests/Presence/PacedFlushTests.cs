using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

/// <summary>
/// The leading-edge, audience-paced flush: a change after a quiet spell goes out at once; changes after it are
/// coalesced into one diff per interval, the interval being max(DiffTick, subscribers × FlushCostPerSubscriber).
/// </summary>
public sealed class PacedFlushTests
{
    private static readonly TimeSpan Tick = PresenceHarness.Tick;

    [Fact]
    public async Task FirstChangeAfterAQuietSpellIsDeliveredWithoutTheClockMoving()
    {
        using var h = new PresenceHarness();
        var bob = h.Subscribe("room:1", "bob");

        h.Track("room:1", "alice", "c1", PresenceStatus.Busy);
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([(PresenceEventKind.Joined, "alice")], bob.EventKeys);
        Assert.Equal(PresenceStatus.Busy, h.Tracker.Get("room:1", "alice", "bob")!.Status);
    }

    [Fact]
    public async Task BurstAfterTheFirstChangeIsDeliveredOnceAtTheIntervalWithEverythingCoalesced()
    {
        using var h = new PresenceHarness();
        var bob = h.Subscribe("room:1", "bob");
        h.Track("room:1", "alice", "c1");

        h.Track("room:1", "carol", "c2");
        h.Advance(Tick / 2);
        h.Track("room:1", "dave", "c3");
        h.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Busy);
        h.Advance(Tick / 2 - TimeSpan.FromMilliseconds(1));
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(bob.Changes);

        h.Advance(TimeSpan.FromMilliseconds(1));
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, bob.Changes.Count);
        var burst = bob.Changes[1].Diff;
        Assert.Equal(["carol", "dave"], burst.Joins.Keys.Where(k => k != "alice").Order());
        Assert.Equal(PresenceStatus.Busy, Assert.Single(burst.Updates).After.Status);
        Replay.AssertConverged(bob, h.Tracker.List("room:1", "bob"));
    }

    [Theory]
    [InlineData(20, 50)] // 20 × 1 ms is under the tick: the tick paces
    [InlineData(200, 200)] // 200 subscribers × 1 ms
    [InlineData(1_000, 1_000)]
    public async Task TheIntervalGrowsWithTheSubscribers(int subscribers, int intervalMs)
    {
        using var h = new PresenceHarness(o => o.FlushCostPerSubscriber = TimeSpan.FromMilliseconds(1));
        var recorders = Enumerable.Range(0, subscribers).Select(i => h.Subscribe("room:1", $"viewer{i}")).ToList();
        h.Track("room:1", "alice", "c1");
        h.Track("room:1", "carol", "c2");

        h.Advance(TimeSpan.FromMilliseconds(intervalMs - 1));
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(recorders, r => Assert.Equal([(PresenceEventKind.Joined, "alice")], r.EventKeys));

        h.Advance(TimeSpan.FromMilliseconds(1));
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(recorders, r => Assert.Equal(
            [(PresenceEventKind.Joined, "alice"), (PresenceEventKind.Joined, "carol")], r.EventKeys));
    }

    [Fact]
    public async Task AHugeRoomStillShowsAChangeWithinTheMaxFlushInterval()
    {
        // 200 subscribers × 10 ms would pace the room at 2 s; the default cap (1 s) wins.
        using var h = new PresenceHarness(o => o.FlushCostPerSubscriber = TimeSpan.FromMilliseconds(10));
        var recorders = Enumerable.Range(0, 200).Select(i => h.Subscribe("room:1", $"viewer{i}")).ToList();
        h.Track("room:1", "alice", "c1"); // at once
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        h.Track("room:1", "carol", "c2"); // paced

        h.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(recorders, r => Assert.Equal([(PresenceEventKind.Joined, "alice")], r.EventKeys));

        h.Advance(TimeSpan.FromMilliseconds(1));
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(recorders, r => Assert.Equal(
            [(PresenceEventKind.Joined, "alice"), (PresenceEventKind.Joined, "carol")], r.EventKeys));
    }

    [Fact]
    public void AMaxFlushIntervalShorterThanTheDiffTickIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PresenceHarness(o => o.MaxFlushInterval = Tick / 2));
    }

    [Fact]
    public async Task AQuietSpellAfterABurstBringsBackTheLeadingEdge()
    {
        using var h = new PresenceHarness();
        var bob = h.Subscribe("room:1", "bob");
        h.Track("room:1", "alice", "c1"); // at once
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        h.Track("room:1", "carol", "c2"); // with the tick, at 50 ms
        await h.Settle();
        Assert.Equal(2, bob.Changes.Count);

        // 30 ms after the last flush: not quiet yet, so this one waits for the interval to end.
        h.Advance(Tick * 0.6);
        h.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Busy);
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, bob.Changes.Count);
        h.Advance(Tick * 0.4);
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, bob.Changes.Count);

        // A whole interval with no flush: the next change goes out at once again.
        h.Advance(Tick);
        h.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Away);
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, bob.Changes.Count);
        Assert.Equal(PresenceStatus.Away, h.Tracker.Get("room:1", "alice", "bob")!.Status);
    }

    [Fact]
    public void NegativeCostPerSubscriberIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PresenceHarness(o => o.FlushCostPerSubscriber = TimeSpan.FromMilliseconds(-1)));
    }

    /// <summary>
    /// Eight threads track and update into one topic with 100 subscribers while another moves the clock: every
    /// subscriber ends where the topic is, and the flushes (leading or paced) never come closer than the interval.
    /// </summary>
    [Fact]
    public async Task ManyThreadsChangingOneTopicWhileTheClockMovesArePacedAndConverge()
    {
        const int threads = 8, perThread = 300, subscribers = 100;
        using var h = new PresenceHarness(o => o.FlushCostPerSubscriber = TimeSpan.FromMilliseconds(1));
        var recorders = Enumerable.Range(0, subscribers).Select(i => h.Subscribe("room:1", $"viewer{i}")).ToList();
        var interval = TopicTimers.Interval(h.Options, subscribers);
        var start = h.Time.GetUtcNow();
        using var go = new ManualResetEventSlim();
        var running = threads;

        var workers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            go.Wait();
            for (var i = 0; i < perThread; i++)
            {
                h.Track("room:1", $"t{t}-user{i % 20}", $"t{t}-c{i % 20}");
                h.Tracker.Update("room:1", $"t{t}-user{i % 20}", $"t{t}-c{i % 20}", status: i % 3 == 0 ? PresenceStatus.Busy : PresenceStatus.Online);
            }
            Interlocked.Decrement(ref running);
        }, TaskCreationOptions.LongRunning)).ToList();
        var clock = Task.Factory.StartNew(() =>
        {
            go.Wait();
            while (Volatile.Read(ref running) > 0)
            {
                h.Advance(TimeSpan.FromMilliseconds(7));
            }
        }, TaskCreationOptions.LongRunning);

        go.Set();
        await Task.WhenAll([.. workers, clock]);
        h.Advance(interval);
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));

        var elapsed = h.Time.GetUtcNow() - start;
        var final = h.Tracker.List("room:1", "observer");
        Assert.Equal(threads * 20, final.Count);
        // Every flush that published something is a version; they start at least one interval apart.
        Assert.InRange(final.Version, 1, (long)(elapsed / interval) + 1);
        foreach (var recorder in recorders)
        {
            Replay.AssertConverged(recorder, h.Tracker.List("room:1", recorder.Subscription.ViewerKey));
            Assert.InRange(recorder.Changes.Count, 1, final.Version);
        }
    }
}
