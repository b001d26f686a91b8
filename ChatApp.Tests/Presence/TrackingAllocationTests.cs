using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

/// <summary>
/// Tracking and untracking a tab is the engine's hottest path (every room opened, every reload, every tab closed):
/// it allocates the new meta and the user that holds it, and nothing on the way (no registry node, no replication
/// message when nothing replicates, no unpublished-changes bookkeeping when nobody is subscribed). Counted in bytes on
/// this thread, so the machine's load does not matter.
/// </summary>
public sealed class TrackingAllocationTests
{
    private const int Pairs = 1_000;

    [Fact]
    public void TrackingAndUntrackingATabAllocatesOnlyItsMetaAndItsUser()
    {
        using var h = new PresenceHarness(o => (o.DiffTick, o.LeaveDebounce) = (TimeSpan.Zero, TimeSpan.Zero));
        // Someone stays, so the topic is not freed and made again on every pair.
        h.Track("room:1", "bob", "bob-tab");
        var info = PresenceHarness.Info("Alice");
        TrackAndUntrack(h.Tracker, info, Pairs);

        var before = GC.GetAllocatedBytesForCurrentThread();
        TrackAndUntrack(h.Tracker, info, Pairs);
        var perPair = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Pairs;

        // The meta (96 B), its user (72 B) and the user's one-element array of metas (32 B); it was 408 B.
        Assert.True(perPair <= 224, $"a track+untrack allocated {perPair:0} B");
        Assert.Equal(["bob"], h.Tracker.List("room:1", "bob").Users.Select(u => u.Key));
        Assert.Equal(1, h.Tracker.Connections.Count);
    }

    private static void TrackAndUntrack(PresenceTracker tracker, PresenceInfo info, int pairs)
    {
        for (var i = 0; i < pairs; i++)
        {
            tracker.Track("room:1", "alice", "alice-tab", info);
            Assert.True(tracker.Untrack("room:1", "alice", "alice-tab"));
        }
    }
}
