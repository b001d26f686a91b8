using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class TrackingTests
{
    [Fact]
    public async Task EachConnectionIsOneMetaUnderItsKey()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        h.Track("site", "alice", "c2");
        h.Track("site", "bob", "c3");
        await h.Settle();

        var view = h.Tracker.List("site", "carol");
        Assert.Equal(2, view.Count);
        Assert.Equal(2, view.Get("alice")!.ConnectionCount);
        Assert.Equal(["c1", "c2"], view.Get("alice")!.Metas.Select(m => m.ConnectionId).Order());
        Assert.Equal("node-a", view.Get("alice")!.Metas[0].NodeId);
        Assert.Equal(h.Time.GetUtcNow() - PresenceHarness.Tick, view.Get("alice")!.JoinedAt);
    }

    [Fact]
    public async Task TrackingTheSameConnectionTwiceNeverDuplicates()
    {
        using var h = new PresenceHarness();
        var subscriber = h.Subscribe("site", "bob");
        var first = h.Track("site", "alice", "c1");
        var second = h.Track("site", "alice", "c1");
        await h.Settle();
        var third = h.Track("site", "alice", "c1");
        await h.Settle();

        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.Equal(1, h.Tracker.Get("site", "alice", "bob")!.ConnectionCount);
        var change = Assert.Single(subscriber.Changes);
        Assert.Single(change.Diff.Joins["alice"]);
    }

    [Fact]
    public async Task UntrackingWhatIsNotTrackedIsHarmless()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        await h.Settle();

        Assert.False(h.Tracker.Untrack("room:1", "alice", "c1"));
        Assert.False(h.Tracker.Untrack("site", "alice", "c9"));
        Assert.False(h.Tracker.Untrack("site", "bob", "c1"));
        Assert.Equal(0, h.Tracker.UntrackConnection("c9"));
        await h.Settle();

        Assert.Equal(1, h.Tracker.Count("site", "bob"));
        Assert.Equal(1, h.Tracker.TopicCount);
    }

    [Fact]
    public async Task UntrackConnectionLeavesEveryTopicAndOnlyThatConnection()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        h.Track("site", "alice", "c1");
        h.Track("room:1", "alice", "c1");
        h.Track("site", "alice", "c2");
        await h.Settle();

        Assert.Equal(2, h.Tracker.UntrackConnection("c1"));
        Assert.Equal(0, h.Tracker.UntrackConnection("c1"));
        await h.Settle();

        Assert.Equal(["c2"], h.Tracker.Get("site", "alice", "bob")!.Metas.Select(m => m.ConnectionId));
        Assert.Equal(0, h.Tracker.Count("room:1", "bob"));
    }

    [Fact]
    public async Task UntrackKeyRemovesATabTrackedAfterTheLastPublishedVersion()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        h.Track("room:1", "alice", "c1");
        h.Track("room:1", "bob", "c3");
        await h.Settle();
        h.Track("room:1", "alice", "c2");

        Assert.Equal(2, h.Tracker.UntrackKey("alice", "room:1"));
        await h.Settle();

        Assert.Null(h.Tracker.Get("room:1", "alice", "bob"));
        Assert.NotNull(h.Tracker.Get("room:1", "bob", "bob"));
    }

    [Fact]
    public async Task UntrackKeyInOneTopicKeepsTheUsersOtherTopics()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        h.Track("site", "alice", "c1");
        h.Track("room:1", "alice", "c1");
        h.Track("room:2", "alice", "c1");

        Assert.Equal(1, h.Tracker.UntrackKey("alice", "room:1"));
        await h.Settle();

        Assert.Equal(0, h.Tracker.Count("room:1", "bob"));
        Assert.Equal(1, h.Tracker.Count("room:2", "bob"));
        Assert.Equal(1, h.Tracker.Count("site", "bob"));
    }

    [Fact]
    public async Task UntrackKeyEverywhereRemovesEveryTabOfTheUserAndNobodyElse()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        h.Track("site", "alice", "c1");
        h.Track("room:1", "alice", "c1");
        h.Track("site", "alice", "c2");
        h.Track("site", "bob", "c3");

        Assert.Equal(3, h.Tracker.UntrackKey("alice"));
        Assert.Equal(0, h.Tracker.UntrackKey("alice"));
        await h.Settle();

        Assert.Equal(0, h.Tracker.Count("room:1", "bob"));
        Assert.Equal(["bob"], h.Tracker.List("site", "bob").Users.Select(u => u.Key));
    }

    [Fact]
    public async Task UpdateMakesANewRefAndKeepsTheOldOneAsPrevRef()
    {
        using var h = new PresenceHarness();
        var before = h.Track("site", "alice", "c1");
        var after = h.Tracker.Update("site", "alice", "c1", PresenceHarness.Info("Alice Liddell", "#ff0000"));
        await h.Settle();

        Assert.NotNull(after);
        Assert.NotEqual(before.Ref, after.Ref);
        Assert.Equal(before.Ref, after.PrevRef);
        Assert.Equal(before.JoinedAt, after.JoinedAt);
        var alice = h.Tracker.Get("site", "alice", "bob")!;
        Assert.Equal("Alice Liddell", alice.DisplayName);
        Assert.Equal("#ff0000", alice.AvatarColor);
        Assert.Same(after, Assert.Single(alice.Metas));
    }

    [Fact]
    public async Task UpdateWithNothingNewKeepsTheSameMeta()
    {
        using var h = new PresenceHarness();
        var subscriber = h.Subscribe("site", "bob");
        var meta = h.Track("site", "alice", "c1");
        await h.Settle();

        Assert.Same(meta, h.Tracker.Update("site", "alice", "c1", meta.Info, PresenceStatus.Online));
        await h.Settle();
        Assert.Single(subscriber.Changes);
    }

    [Fact]
    public void UpdatingAnUntrackedConnectionReturnsNull()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");

        Assert.Null(h.Tracker.Update("site", "alice", "c2", status: PresenceStatus.Away));
        Assert.Null(h.Tracker.Update("room:9", "alice", "c1", status: PresenceStatus.Away));
    }

    [Fact]
    public async Task ListShowsThePublishedVersionSharedByEveryViewer()
    {
        using var h = new PresenceHarness();
        // The first change after a quiet spell is published as it is made.
        h.Track("site", "alice", "c1");
        var forBob = h.Tracker.List("site", "bob");
        var forCarol = h.Tracker.List("site", "carol");
        Assert.Equal(1, forBob.Version);
        Assert.Same(forBob.Snapshot, forCarol.Snapshot);
        Assert.Equal(1, forBob.Count);

        // The next one, within the flush interval, is not published until the interval is over.
        h.Track("site", "bob", "c2");
        Assert.Equal(1, h.Tracker.List("site", "bob").Count);
        await h.Settle();
        Assert.Equal(2, h.Tracker.List("site", "bob").Version);
        Assert.Equal(1, forBob.Count);
    }

    [Fact]
    public void ReconnectingIsNotAStatusOneCanChoose()
    {
        using var h = new PresenceHarness();
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Track("site", "alice", "c1", PresenceStatus.Reconnecting));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Tracker.SetStatus("alice", PresenceStatus.Reconnecting));
    }
}
