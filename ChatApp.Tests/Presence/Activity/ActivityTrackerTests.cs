using ChatApp.Core.Presence;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Presence.Activity;

public sealed class ActivityTrackerTests : IDisposable
{
    private static readonly PresenceOptions Options = new() { DiffTick = TimeSpan.Zero, AutoAwayAfter = TimeSpan.FromMinutes(5) };
    private readonly FakeTimeProvider time = new();
    private readonly PresenceTracker tracker;
    private readonly ActivityTracker activity;

    public ActivityTrackerTests()
    {
        tracker = new PresenceTracker(time, Microsoft.Extensions.Options.Options.Create(Options));
        activity = new ActivityTracker(tracker, time, Microsoft.Extensions.Options.Options.Create(Options));
    }

    public void Dispose()
    {
        activity.Dispose();
        tracker.Dispose();
    }

    private void Open(string connectionId, string key = "alice")
    {
        tracker.Track("site", key, connectionId, new PresenceInfo(key));
        activity.Connected(connectionId, key);
    }

    private PresenceStatus Shown(string key = "alice") => tracker.Get("site", key, "viewer")!.Status;

    [Fact]
    public void TabWithoutInputForTheIdleTimeShowsAway()
    {
        Open("t1");

        time.Advance(Options.AutoAwayAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(PresenceStatus.Online, Shown());

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(PresenceStatus.Away, Shown());
    }

    [Fact]
    public void InputKeepsTheTabOnlineAndBringsItBackFromAway()
    {
        Open("t1");
        time.Advance(TimeSpan.FromMinutes(4));
        activity.Input("t1");
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(PresenceStatus.Online, Shown());

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(PresenceStatus.Away, Shown());

        activity.Input("t1");
        Assert.Equal(PresenceStatus.Online, Shown());
    }

    [Fact]
    public void UserIsAwayOnlyWhenEveryTabIs()
    {
        Open("t1");
        Open("t2");

        activity.VisibilityChanged("t1", hidden: true);
        Assert.Equal(PresenceStatus.Online, Shown());

        activity.VisibilityChanged("t2", hidden: true);
        Assert.Equal(PresenceStatus.Away, Shown());

        activity.VisibilityChanged("t2", hidden: false);
        Assert.Equal(PresenceStatus.Online, Shown());
    }

    [Fact]
    public void IdleDoesNotOverrideAChosenBusy()
    {
        Open("t1");
        activity.ChooseStatus("alice", PresenceStatus.Busy);

        time.Advance(Options.AutoAwayAfter);
        activity.Input("t1");

        Assert.Equal(PresenceStatus.Busy, Shown());
    }

    [Fact]
    public void ChoosingOnlineAgainLetsAHiddenTabShowAway()
    {
        Open("t1");
        activity.ChooseStatus("alice", PresenceStatus.Busy);
        activity.VisibilityChanged("t1", hidden: true);
        Assert.Equal(PresenceStatus.Busy, Shown());

        activity.ChooseStatus("alice", PresenceStatus.Online);

        Assert.Equal(PresenceStatus.Away, Shown());
    }

    [Fact]
    public void AChosenStatusAppliesToEveryTab()
    {
        Open("t1");
        Open("t2");

        activity.ChooseStatus("alice", PresenceStatus.Busy);

        Assert.All(tracker.Get("site", "alice", "viewer")!.Metas, m => Assert.Equal(PresenceStatus.Busy, m.Status));
    }

    [Fact]
    public void ClosedTabIsForgottenAndItsTimerStopped()
    {
        Open("t1");
        activity.Disconnected("t1");
        activity.Disconnected("t1");

        time.Advance(Options.AutoAwayAfter * 2);

        Assert.False(activity.IsAway("t1"));
        Assert.Equal(PresenceStatus.Online, Shown());
    }

    [Fact]
    public async Task ManyTabsReportingAtOnceEndInTheRightState()
    {
        var tabs = Enumerable.Range(0, 32).Select(i => $"t{i}").ToArray();
        foreach (var tab in tabs)
        {
            Open(tab, key: $"user{int.Parse(tab[1..]) % 4}");
        }

        await Task.WhenAll(tabs.Select(tab => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                activity.VisibilityChanged(tab, hidden: i % 2 == 0);
                activity.Input(tab);
            }
            activity.VisibilityChanged(tab, hidden: true);
        })));
        // A flood of reports is coalesced: the last state shows once the tab's budget allows.
        time.Advance(ActivityTracker.ReportInterval);

        for (var user = 0; user < 4; user++)
        {
            Assert.Equal(PresenceStatus.Away, Shown($"user{user}"));
        }
    }

    private int CountUpdatesSeenBy(string viewer, Action act)
    {
        var updates = 0;
        using var subscription = tracker.Subscribe("site", viewer, change =>
        {
            Interlocked.Add(ref updates, change.Diff.Joins.Values.Sum(m => m.Length));
            return Task.CompletedTask;
        });
        subscription.TakeInitial();
        act();
        tracker.WhenDelivered().Wait(TimeSpan.FromSeconds(30));
        return Volatile.Read(ref updates);
    }

    [Fact]
    public void AVisibilityFloodFromOneTabChangesWhatOthersSeeOnlyAFewTimesAndEndsInTheLastState()
    {
        Open("t1");

        var seen = CountUpdatesSeenBy("bob", () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                activity.VisibilityChanged("t1", hidden: i % 2 == 0);
                activity.Input("t1");
            }
            activity.VisibilityChanged("t1", hidden: true);
        });

        Assert.InRange(seen, 1, ActivityTracker.ReportBurst);
        time.Advance(ActivityTracker.ReportInterval);
        Assert.Equal(PresenceStatus.Away, Shown());
    }

    [Fact]
    public void AfterABurstATabStatusChangesAtMostOncePerInterval()
    {
        Open("t1");
        for (var i = 0; i < ActivityTracker.ReportBurst; i++)
        {
            activity.VisibilityChanged("t1", hidden: i % 2 == 0);
        }

        var seen = CountUpdatesSeenBy("bob", () =>
        {
            for (var second = 0; second < 10; second++)
            {
                for (var i = 0; i < 50; i++)
                {
                    activity.VisibilityChanged("t1", hidden: i % 2 == 0);
                }
                time.Advance(ActivityTracker.ReportInterval);
            }
        });

        Assert.InRange(seen, 1, 10);
    }

    [Fact]
    public async Task FloodsFromManyThreadsStayCoalescedAndLeaveOtherTabsResponsive()
    {
        Open("flood");
        Open("quiet", key: "bob");

        var seen = 0;
        using (var subscription = tracker.Subscribe("site", "carol", change =>
        {
            Interlocked.Add(ref seen, change.Diff.Joins.Where(j => j.Key == "alice").Sum(j => j.Value.Length));
            return Task.CompletedTask;
        }))
        {
            subscription.TakeInitial();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < 500; i++)
                {
                    activity.VisibilityChanged("flood", hidden: (i + t) % 2 == 0);
                    activity.Input("flood");
                }
            })));
            activity.VisibilityChanged("quiet", hidden: true);
            await tracker.WhenDelivered();
        }

        Assert.InRange(Volatile.Read(ref seen), 1, ActivityTracker.ReportBurst + 1);
        Assert.Equal(PresenceStatus.Away, Shown("bob"));
    }
}
