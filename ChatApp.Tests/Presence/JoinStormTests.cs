using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class JoinStormTests
{
    private const int Users = 1_000;

    /// <summary>
    /// A thousand users open the same room within one second; each tracks itself and subscribes. A flush goes out at
    /// most every max(DiffTick, subscribers × FlushCostPerSubscriber), so the bigger the room grows the rarer its
    /// flushes: a subscriber gets a handful of diffs for the whole storm, and the room's diffs in all grow linearly
    /// with its subscribers (a fixed 50 ms tick gives each about one per tick while the storm lasts: quadratic).
    /// </summary>
    [Fact]
    public async Task AThousandJoinsReachAThousandSubscribersInFewDiffsAndAllConverge()
    {
        using var h = new PresenceHarness();
        var recorders = new List<Recorder>(Users);
        var stormLength = TimeSpan.FromSeconds(1);
        var perJoin = stormLength / Users;
        for (var i = 0; i < Users; i++)
        {
            h.Track("room:1", $"user{i}", $"circuit{i}");
            recorders.Add(h.Subscribe("room:1", $"user{i}"));
            h.Advance(perJoin);
        }
        h.Advance(TopicTimers.Interval(h.Options, Users));
        await h.Settle();

        // Flushes start at least one interval apart, an interval counting the subscribers there were at the change
        // that armed it (at least those there at the previous flush), and intervals only grow as the room fills: so
        // the most flushes from any moment on are those made as early as the pacing allows from that moment.
        var end = stormLength + TopicTimers.Interval(h.Options, Users);
        int MostFlushesFrom(TimeSpan start)
        {
            var most = 1;
            for (var at = start; at <= end; at += TopicTimers.Interval(h.Options, (int)(at / perJoin)))
            {
                most++;
            }
            return most;
        }
        var flushes = MostFlushesFrom(TimeSpan.Zero);
        var final = h.Tracker.List("room:1", "observer");
        Assert.Equal(Users, final.Count);
        Assert.InRange(final.Version, 1, flushes);
        // Each subscriber gets at most one diff per flush after it subscribed (fewer when its mailbox merges them).
        var allowed = recorders.Select((r, i) => MostFlushesFrom(perJoin * i)).ToList();
        Assert.All(recorders.Zip(allowed), pair => Assert.InRange(pair.First.Changes.Count, 1, pair.Second));
        // Linear in the subscribers: a few diffs each for the whole storm (a fixed 50 ms tick gives each about ten).
        Assert.InRange(allowed.Sum(), Users, 5 * Users);
        foreach (var recorder in recorders)
        {
            Replay.AssertConverged(recorder, h.Tracker.List("room:1", recorder.Subscription.ViewerKey));
        }
        var snapshots = recorders.Select(r => r.Initial.Snapshot).Distinct().Count();
        Assert.InRange(snapshots, 1, flushes);
    }
}
