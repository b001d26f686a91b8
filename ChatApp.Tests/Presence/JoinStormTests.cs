using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class JoinStormTests
{
    private const int Users = 1_000;

    /// <summary>
    /// A thousand users open the same room within one second; each tracks itself and subscribes. Coalescing keeps
    /// every subscriber to about one diff per tick (20 in that second) instead of one per join.
    /// </summary>
    [Fact]
    public async Task AThousandJoinsReachAThousandSubscribersInFewDiffsAndAllConverge()
    {
        using var h = new PresenceHarness();
        var recorders = new List<Recorder>(Users);
        var stormLength = TimeSpan.FromSeconds(1);
        for (var i = 0; i < Users; i++)
        {
            h.Track("room:1", $"user{i}", $"circuit{i}");
            recorders.Add(h.Subscribe("room:1", $"user{i}"));
            h.Advance(stormLength / Users);
        }
        await h.Settle();

        var ticks = (int)(stormLength / h.Options.DiffTick);
        var final = h.Tracker.List("room:1", "observer");
        Assert.Equal(Users, final.Count);
        Assert.All(recorders, r => Assert.InRange(r.Changes.Count, 1, ticks + 1));
        Assert.True(recorders.Sum(r => r.Changes.Count) < Users * (ticks + 1) / 2 + Users);
        foreach (var recorder in recorders)
        {
            Replay.AssertConverged(recorder, h.Tracker.List("room:1", recorder.Subscription.ViewerKey));
        }
        var snapshots = recorders.Select(r => r.Initial.Snapshot).Distinct().Count();
        Assert.InRange(snapshots, 1, ticks + 1);
    }
}
