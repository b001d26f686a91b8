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

        for (var user = 0; user < 4; user++)
        {
            Assert.Equal(PresenceStatus.Away, Shown($"user{user}"));
        }
    }
}
