using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

/// <summary>
/// Immediate mode (tick 0): the changing thread delivers to an idle subscriber itself, as Phoenix's tracker runs
/// handle_diff, instead of a thread-pool hop; a busy subscriber still gets later changes on the pool, in order.
/// </summary>
public sealed class ImmediateDeliveryTests
{
    [Fact]
    public void AnIdleSubscriberIsToldBeforeTheChangeReturnsOnTheChangingThread()
    {
        using var h = new PresenceHarness(o => o.DiffTick = TimeSpan.Zero);
        var handlerThread = 0;
        var carol = h.Subscribe("room:1", "carol", _ =>
        {
            handlerThread = Environment.CurrentManagedThreadId;
            return Task.CompletedTask;
        });

        h.Track("room:1", "alice", "c1");

        Assert.Equal([(PresenceEventKind.Joined, "alice")], carol.EventKeys);
        Assert.Equal(Environment.CurrentManagedThreadId, handlerThread);
    }

    [Fact]
    public async Task ASubscriberStillBusyGetsTheNextChangesMergedAndInOrderOnThePool()
    {
        using var h = new PresenceHarness(o => o.DiffTick = TimeSpan.Zero);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var slow = h.Subscribe("room:1", "slow", async _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await release.Task;
            }
        });

        h.Track("room:1", "alice", "c1");
        h.Track("room:1", "bob", "c2");
        h.Track("room:1", "dave", "c3");
        Assert.Single(slow.Changes);

        release.SetResult();
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([(0L, 1L), (1L, 3L)], slow.Changes.Select(c => (c.FromVersion, c.ToVersion)));
        Replay.AssertConverged(slow, h.Tracker.List("room:1", "slow"));
    }

    [Fact]
    public async Task EveryOtherSubscriberIsHandedTheChangeToo()
    {
        using var h = new PresenceHarness(o => o.DiffTick = TimeSpan.Zero);
        var viewers = Enumerable.Range(0, 8).Select(i => h.Subscribe("room:1", $"viewer{i}")).ToList();

        h.Track("room:1", "alice", "c1");
        await h.Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(viewers, v => Assert.Equal([(PresenceEventKind.Joined, "alice")], v.EventKeys));
    }
}
