using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

/// <summary>
/// A user with one visible tab and one invisible tab (a tab tracked as invisible): for everyone else the visible tab
/// is the user. Losing it is losing the user, so it is debounced like losing the last tab.
/// </summary>
public sealed class InvisibleTabLeaveTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ClosingTheLastVisibleTabIsHeldBackForTheLeaveDebounceNotOneTick()
    {
        using var h = new PresenceHarness();
        var visible = await AliceHasAVisibleAndAnInvisibleTab(h);
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.UntrackConnection("visible");
        await h.SettleAfter(Debounce - PresenceHarness.Tick * 2);

        Assert.Empty(bob.Changes);
        Assert.Same(visible, Assert.Single(h.Tracker.Get("room:1", "alice", "bob")!.Metas));
        Assert.Equal(1, h.Tracker.Count("room:1", "bob"));

        await h.SettleAfter(PresenceHarness.Tick * 2);
        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
        Assert.Null(h.Tracker.Get("room:1", "alice", "bob"));
        Assert.Equal(0, h.Tracker.Count("room:1", "bob"));
    }

    [Fact]
    public async Task ReloadingTheVisibleTabAnnouncesNeitherLeaveNorJoin()
    {
        using var h = new PresenceHarness();
        await AliceHasAVisibleAndAnInvisibleTab(h);
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.UntrackConnection("visible");
        await h.SettleAfter(TimeSpan.FromSeconds(2));
        h.Track("room:1", "alice", "reloaded");
        await h.SettleAfter(Debounce * 3);

        Assert.Empty(bob.Events);
        var diff = Assert.Single(bob.Changes).Diff;
        Assert.Equal("visible", Assert.Single(diff.Leaves["alice"]).ConnectionId);
        Assert.Equal("reloaded", Assert.Single(diff.Joins["alice"]).ConnectionId);
        Assert.Equal(1, h.Tracker.Count("room:1", "bob"));
    }

    [Fact]
    public async Task TheUserSeesTheirOwnTabsAsTheyAreWhileOthersStillSeeTheClosedOne()
    {
        using var h = new PresenceHarness();
        await AliceHasAVisibleAndAnInvisibleTab(h);

        h.Tracker.UntrackConnection("visible");
        await h.Settle();

        Assert.Equal("invisible", Assert.Single(h.Tracker.Get("room:1", "alice", "alice")!.Metas).ConnectionId);
        Assert.Equal("visible", Assert.Single(h.Tracker.Get("room:1", "alice", "bob")!.Metas).ConnectionId);
    }

    [Fact]
    public async Task ClosingTheInvisibleTabAfterwardsStillLeavesOnceTheFirstDebounceRunsOut()
    {
        using var h = new PresenceHarness();
        await AliceHasAVisibleAndAnInvisibleTab(h);
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.UntrackConnection("visible");
        await h.SettleAfter(TimeSpan.FromSeconds(2));
        h.Tracker.UntrackConnection("invisible");
        await h.SettleAfter(Debounce * 2);

        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
        Assert.Null(h.Tracker.Get("room:1", "alice", "alice"));
    }

    [Fact]
    public async Task AnEvictedUserLeavesAtOnceEvenWithAnInvisibleTab()
    {
        using var h = new PresenceHarness(o => o.DiffTick = TimeSpan.Zero);
        await AliceHasAVisibleAndAnInvisibleTab(h);
        var bob = h.Subscribe("room:1", "bob");

        h.Tracker.UntrackConnection("visible");
        h.Tracker.UntrackKey("alice", "room:1");
        await h.Settle();

        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
        Assert.Null(h.Tracker.Get("room:1", "alice", "bob"));
    }

    /// <summary>Alice has a visible tab and an invisible one in room:1, published; returns the visible tab's meta.</summary>
    private static async Task<PresenceMeta> AliceHasAVisibleAndAnInvisibleTab(PresenceHarness h)
    {
        var visible = h.Track("room:1", "alice", "visible");
        h.Track("room:1", "alice", "invisible", PresenceStatus.Invisible);
        await h.Settle();
        return visible;
    }
}
