using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

/// <summary>The connection registry has a lock per connection, not a global one: it must stay right under many threads.</summary>
public sealed class ConnectionRegistryTests
{
    [Fact]
    public async Task ManyThreadsOpeningAndClosingTabsLeaveNoConnectionBehind()
    {
        using var h = new PresenceHarness(o =>
        {
            o.DiffTick = TimeSpan.Zero;
            o.LeaveDebounce = TimeSpan.Zero;
            o.DisconnectGrace = Timeout.InfiniteTimeSpan;
        });
        using var activity = new ActivityTracker(h.Tracker, h.Time, Microsoft.Extensions.Options.Options.Create(h.Options));
        using var start = new ManualResetEventSlim();

        var threads = Enumerable.Range(0, 8).Select(t => Task.Factory.StartNew(() =>
        {
            start.Wait();
            var key = $"user{t}";
            for (var i = 0; i < 2_000; i++)
            {
                var connection = $"{key}-c{i % 3}";
                h.Track($"room:{i % 4}", key, connection);
                switch (i % 6)
                {
                    case 0:
                        activity.Connected(connection, key);
                        break;
                    case 1:
                        h.Tracker.ConnectionDown(connection);
                        break;
                    case 2:
                        activity.VisibilityChanged(connection, hidden: i % 4 == 2);
                        h.Tracker.ConnectionUp(connection);
                        break;
                    case 3:
                        activity.Disconnected(connection);
                        break;
                    default:
                        h.Tracker.UntrackConnection(connection);
                        break;
                }
            }
            for (var c = 0; c < 3; c++)
            {
                activity.Disconnected($"{key}-c{c}");
                h.Tracker.UntrackConnection($"{key}-c{c}");
            }
        }, TaskCreationOptions.LongRunning)).ToList();
        start.Set();
        await Task.WhenAll(threads);

        Assert.Equal(0, h.Tracker.Connections.Count);
        Assert.All(Enumerable.Range(0, 4), r => Assert.Equal(0, h.Tracker.Count($"room:{r}", "observer")));
    }

    [Fact]
    public async Task AConnectionThatDropsWhileItIsTrackedIntoMoreTopicsShowsReconnectingInEveryOne()
    {
        using var h = new PresenceHarness(o => o.DiffTick = TimeSpan.Zero);
        h.Track("room:0", "alice", "c1");
        using var start = new ManualResetEventSlim();
        var tracking = Task.Factory.StartNew(() =>
        {
            start.Wait();
            for (var room = 1; room < 200; room++)
            {
                h.Track($"room:{room}", "alice", "c1");
            }
        }, TaskCreationOptions.LongRunning);
        var dropping = Task.Factory.StartNew(() =>
        {
            start.Wait();
            h.Tracker.ConnectionDown("c1");
        }, TaskCreationOptions.LongRunning);
        start.Set();
        await Task.WhenAll(tracking, dropping);

        Assert.All(Enumerable.Range(0, 200), room =>
            Assert.Equal(PresenceStatus.Reconnecting, h.Tracker.Get($"room:{room}", "alice", "bob")!.Status));
    }
}
