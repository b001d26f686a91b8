using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

/// <summary>
/// Threads changing one topic at once: each builds its new meta before taking the topic's lock, and must still get
/// exactly what it would have got alone.
/// </summary>
public sealed class OneTopicContentionTests
{
    private const string Topic = "room:1";

    [Fact]
    public async Task ManyThreadsTrackingAndUntrackingOneTopicEachGetTheirOwnMetasAndLeaveNothingBehind()
    {
        using var h = new PresenceHarness(o => (o.DiffTick, o.LeaveDebounce) = (TimeSpan.Zero, TimeSpan.Zero));
        h.Track(Topic, "resident", "c-resident");
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Factory.StartNew(() =>
        {
            start.Wait();
            for (var i = 0; i < 20_000; i++)
            {
                var (key, connection) = ($"user{w}-{i % 3}", $"c{w}-{i % 5}");
                var meta = h.Track(Topic, key, connection);
                Assert.Equal(connection, meta.ConnectionId);
                Assert.Same(meta, h.Track(Topic, key, connection));
                Assert.True(h.Tracker.Untrack(Topic, key, connection));
                Assert.False(h.Tracker.Untrack(Topic, key, connection));
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        start.Set();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(new[] { "resident" }, h.Tracker.List(Topic, "resident").Users.Select(u => u.Key));
        Assert.Equal(1, h.Tracker.Connections.Count);
    }
}
