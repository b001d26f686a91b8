using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class StatusTests
{
    [Theory]
    [InlineData(PresenceStatus.Online, PresenceStatus.Busy, PresenceStatus.Online)]
    [InlineData(PresenceStatus.Busy, PresenceStatus.Away, PresenceStatus.Busy)]
    [InlineData(PresenceStatus.Away, PresenceStatus.Online, PresenceStatus.Online)]
    [InlineData(PresenceStatus.Away, PresenceStatus.Away, PresenceStatus.Away)]
    public async Task TheShownStatusIsTheMostPresentOfTheUsersConnections(PresenceStatus first, PresenceStatus second, PresenceStatus shown)
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1", first);
        h.Track("site", "alice", "c2", second);
        await h.Settle();

        Assert.Equal(shown, h.Tracker.Get("site", "alice", "bob")!.Status);
    }

    [Fact]
    public async Task AnIdleTabBeatsOneThatIsReconnecting()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1", PresenceStatus.Away);
        h.Track("site", "alice", "c2");
        h.Tracker.ConnectionDown("c2");
        // The drop shows a tick after it happened, and is flushed within the tick after that.
        await h.SettleAfter(PresenceHarness.Tick);

        Assert.True(Assert.Single(h.Tracker.Get("site", "alice", "bob")!.Metas, m => m.ConnectionId == "c2").IsReconnecting);
        Assert.Equal(PresenceStatus.Away, h.Tracker.Get("site", "alice", "bob")!.Status);
    }

    [Fact]
    public async Task AChosenStatusAppliesToEveryConnectionInEveryTopicAndToNewOnes()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        h.Track("site", "alice", "c2", PresenceStatus.Away);
        h.Track("room:1", "alice", "c1");

        Assert.Equal(3, h.Tracker.SetStatus("alice", PresenceStatus.Busy));
        var newTab = h.Track("site", "alice", "c3");
        await h.Settle();

        Assert.Equal(PresenceStatus.Busy, newTab.Status);
        Assert.All(h.Tracker.Get("site", "alice", "bob")!.Metas, m => Assert.Equal(PresenceStatus.Busy, m.Status));
        Assert.Equal(PresenceStatus.Busy, h.Tracker.Get("room:1", "alice", "bob")!.Status);
        Assert.Equal(PresenceStatus.Busy, h.Tracker.ChosenStatus("alice"));
    }

    [Fact]
    public async Task ChoosingOnlineClearsTheChoice()
    {
        using var h = new PresenceHarness();
        h.Tracker.SetStatus("alice", PresenceStatus.Busy);
        h.Tracker.SetStatus("alice", PresenceStatus.Online);

        Assert.Equal(PresenceStatus.Online, h.Track("site", "alice", "c1").Status);
        await h.Settle();
        Assert.Equal(PresenceStatus.Online, h.Tracker.ChosenStatus("alice"));
    }

    [Fact]
    public async Task InvisibleUserIsHiddenFromOthersButSeesThemself()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1", PresenceStatus.Invisible);
        h.Track("room:1", "bob", "c2");
        await h.Settle();

        var bobSees = h.Tracker.List("room:1", "bob");
        Assert.Equal(["bob"], bobSees.Users.Select(u => u.Key));
        Assert.Equal(1, bobSees.Count);
        Assert.Null(bobSees.Get("alice"));
        Assert.Null(h.Tracker.Get("room:1", "alice", "bob"));
        Assert.Equal(1, h.Tracker.Count("room:1", "bob"));

        var aliceSees = h.Tracker.List("room:1", "alice");
        Assert.Equal(["alice", "bob"], aliceSees.Users.Select(u => u.Key).Order());
        Assert.Equal(2, aliceSees.Count);
        Assert.Equal(PresenceStatus.Invisible, aliceSees.Get("alice")!.Status);
        Assert.Equal(2, h.Tracker.Count("room:1", "alice"));
    }

    [Fact]
    public async Task GoingInvisibleLooksLikeLeavingToOthersAndLikeAnUpdateToThemself()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        await h.Settle();
        var bob = h.Subscribe("room:1", "bob");
        var alice = h.Subscribe("room:1", "alice");

        h.Tracker.SetStatus("alice", PresenceStatus.Invisible);
        await h.Settle();

        Assert.Equal([(PresenceEventKind.Left, "alice")], bob.EventKeys);
        Assert.Equal(0, bob.Changes[^1].UserCount);
        Assert.Empty(bob.Changes[^1].Diff.Joins);
        Assert.Equal([(PresenceEventKind.Updated, "alice")], alice.EventKeys);
        Assert.Equal(1, alice.Changes[^1].UserCount);

        h.Tracker.SetStatus("alice", PresenceStatus.Online);
        await h.Settle();
        Assert.Equal([(PresenceEventKind.Left, "alice"), (PresenceEventKind.Joined, "alice")], bob.EventKeys);
    }

    [Fact]
    public async Task WhatAnInvisibleUserDoesIsNotDeliveredToOthersAtAll()
    {
        using var h = new PresenceHarness();
        h.Tracker.SetStatus("alice", PresenceStatus.Invisible);
        var bob = h.Subscribe("room:1", "bob");
        var alice = h.Subscribe("room:1", "alice");

        h.Track("room:1", "alice", "c1");
        await h.Settle();
        h.Track("room:1", "alice", "c2");
        h.Tracker.ConnectionDown("c1");
        // The drop shows a tick after it happened, and is flushed within the tick after that.
        await h.SettleAfter(PresenceHarness.Tick);
        Assert.True(Assert.Single(h.Tracker.Get("room:1", "alice", "alice")!.Metas, m => m.ConnectionId == "c1").IsReconnecting);
        // Her other tab is still connected, so her own view shows Invisible, not Reconnecting.
        Assert.Equal(PresenceStatus.Invisible, h.Tracker.Get("room:1", "alice", "alice")!.Status);
        h.Tracker.UntrackConnection("c1");
        h.Tracker.UntrackConnection("c2");
        await h.SettleAfter(TimeSpan.FromSeconds(5));

        Assert.Empty(bob.Changes);
        Assert.Equal(0, h.Tracker.Count("room:1", "bob"));
        Assert.Equal([(PresenceEventKind.Joined, "alice"), (PresenceEventKind.Left, "alice")], alice.EventKeys);
    }

    [Fact]
    public async Task AConnectionStatusDoesNotUndoAChosenInvisible()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");
        h.Tracker.SetStatus("alice", PresenceStatus.Invisible);

        Assert.Equal(0, h.Tracker.SetConnectionStatus("c1", PresenceStatus.Away));
        Assert.Equal(PresenceStatus.Invisible, h.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Online)!.Status);
        Assert.Equal(PresenceStatus.Invisible, h.Track("room:1", "alice", "c2", PresenceStatus.Online).Status);
        await h.Settle();

        Assert.Equal(0, h.Tracker.Count("room:1", "bob"));
    }

    [Fact]
    public async Task AConnectionStatusAppliesToThatConnectionInEveryTopic()
    {
        using var h = new PresenceHarness();
        h.Track("site", "alice", "c1");
        h.Track("room:1", "alice", "c1");
        h.Track("site", "alice", "c2");

        Assert.Equal(2, h.Tracker.SetConnectionStatus("c1", PresenceStatus.Away));
        await h.Settle();

        Assert.Equal(PresenceStatus.Away, h.Tracker.Get("room:1", "alice", "bob")!.Status);
        Assert.Equal(PresenceStatus.Online, h.Tracker.Get("site", "alice", "bob")!.Status);
        Assert.Equal(PresenceStatus.Away, h.Tracker.Get("site", "alice", "bob")!.Metas.Single(m => m.ConnectionId == "c1").Status);
    }
}
