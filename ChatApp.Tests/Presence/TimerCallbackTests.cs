using ChatApp.Core.Presence;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Presence;

/// <summary>
/// A TimeProvider may run timers that fell due on the thread that calls it: FakeTimeProvider runs them in whichever
/// call comes first after another thread moved its clock (arming a timer, reading the time). The engine must not be
/// in the middle of a change when it calls the provider, or the flush or expiring leave run there sees it half made.
/// These tests move the clock inside the engine's next call, on one thread, so the interleaving is exact.
/// </summary>
public sealed class TimerCallbackTests
{
    private const string Topic = "room:1";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AFlushThatRunsWhileAChangeArmsTheTickStillPublishesThatChange()
    {
        var fake = new FakeTimeProvider(Start);
        var time = new ClockMovedByAnotherThread(fake);
        var options = new PresenceOptions { NodeId = "node-a" };
        using var tracker = new PresenceTracker(time, Options.Create(options));
        var bob = Subscribe(tracker, "bob");
        tracker.Track(Topic, "alice", "c1", new PresenceInfo("Alice", null));
        await Settle(fake, tracker, options);

        // The update is the first change since the flush, so it arms the tick; the clock has just passed the tick.
        time.MoveClockOnNextTimerChange(options.DiffTick);
        var busy = tracker.Update(Topic, "alice", "c1", status: PresenceStatus.Busy);
        await Settle(fake, tracker, options);

        Assert.NotNull(busy);
        Assert.Equal(2, bob.Changes.Count);
        Assert.Equal(busy.Ref, Assert.Single(bob.Changes[^1].Diff.Joins["alice"]).Ref);
        Replay.AssertConverged(bob, tracker.List(Topic, "bob"));

        // A later change starts from what bob was told.
        tracker.Untrack(Topic, "alice", "c1");
        await Settle(fake, tracker, options, by: options.LeaveDebounce);
        Replay.AssertConverged(bob, tracker.List(Topic, "bob"));
        Assert.Equal(0, tracker.Count(Topic, "bob"));
    }

    [Fact]
    public async Task ALeaveThatExpiresWhileTheKeyIsTrackedAgainIsCountedOnce()
    {
        var fake = new FakeTimeProvider(Start);
        var time = new ClockMovedByAnotherThread(fake);
        var options = new PresenceOptions { NodeId = "node-a" };
        using var tracker = new PresenceTracker(time, Options.Create(options));
        var bob = Subscribe(tracker, "bob");
        tracker.Track(Topic, "alice", "c1", new PresenceInfo("Alice", null));
        await Settle(fake, tracker, options);
        tracker.Untrack(Topic, "alice", "c1");
        await Settle(fake, tracker, options);

        // Alice comes back just as her held-back leave runs out: Track reads the time and the leave expires there.
        time.MoveClockOnNextRead(options.LeaveDebounce);
        tracker.Track(Topic, "alice", "c2", new PresenceInfo("Alice", null));
        await Settle(fake, tracker, options);

        var view = tracker.List(Topic, "bob");
        Assert.Equal("c2", Assert.Single(Assert.Single(view.Users).Metas).ConnectionId);
        Assert.Equal(1, view.Count);
        Assert.Equal(1, tracker.Count(Topic, "bob"));
        Replay.AssertConverged(bob, view);
    }

    private static Recorder Subscribe(PresenceTracker tracker, string viewer)
    {
        var recorder = new Recorder();
        recorder.Subscription = tracker.Subscribe(Topic, viewer, recorder.Handle);
        return recorder;
    }

    private static async Task Settle(FakeTimeProvider fake, PresenceTracker tracker, PresenceOptions options, TimeSpan by = default)
    {
        fake.Advance(by);
        fake.Advance(options.DiffTick);
        await tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// A FakeTimeProvider whose clock another thread moves during the engine's next call: the call runs the timers
    /// that fell due, on the calling thread, as FakeTimeProvider does when the clock moved under it.
    /// </summary>
    private sealed class ClockMovedByAnotherThread(FakeTimeProvider inner) : TimeProvider
    {
        private TimeSpan onNextRead;
        private TimeSpan onNextTimerChange;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public void MoveClockOnNextRead(TimeSpan by) => onNextRead = by;

        public void MoveClockOnNextTimerChange(TimeSpan by) => onNextTimerChange = by;

        public override DateTimeOffset GetUtcNow()
        {
            Move(ref onNextRead);
            return inner.GetUtcNow();
        }

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new Timer(this, inner.CreateTimer(callback, state, dueTime, period));

        private void Move(ref TimeSpan pending)
        {
            var by = pending;
            pending = TimeSpan.Zero;
            if (by > TimeSpan.Zero)
            {
                // Runs every timer now due, here, on this thread.
                inner.SetUtcNow(inner.GetUtcNow() + by);
            }
        }

        private sealed class Timer(ClockMovedByAnotherThread owner, ITimer inner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                var changed = inner.Change(dueTime, period);
                owner.Move(ref owner.onNextTimerChange);
                return changed;
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
