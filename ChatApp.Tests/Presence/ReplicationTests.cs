using ChatApp.Core.Presence;

namespace ChatApp.Tests.Presence;

public sealed class ReplicationTests
{
    private sealed class RecordingReplicator : IPresenceReplicator
    {
        public IPresenceReplicaSink? Sink { get; private set; }
        public List<PresenceReplicationMessage> Published { get; } = [];

        public void Attach(IPresenceReplicaSink sink) => Sink = sink;

        public void Publish(PresenceReplicationMessage message)
        {
            lock (Published)
            {
                Published.Add(message);
            }
        }
    }

    private static PresenceMeta RemoteMeta(string connectionId, long @ref, PresenceStatus status = PresenceStatus.Online, long? prevRef = null) =>
        new(@ref, prevRef, connectionId, "node-b", DateTimeOffset.UnixEpoch, status, false, "Remote", null);

    [Fact]
    public void LocalChangesArePublishedInOrder()
    {
        var replicator = new RecordingReplicator();
        using var h = new PresenceHarness(replicator: replicator);
        Assert.Same(h.Tracker, replicator.Sink);

        var tracked = h.Track("room:1", "alice", "c1");
        var updated = h.Tracker.Update("room:1", "alice", "c1", status: PresenceStatus.Away)!;
        h.Tracker.SetStatus("alice", PresenceStatus.Busy);
        h.Tracker.Untrack("room:1", "alice", "c1");

        Assert.Collection(replicator.Published,
            m => Assert.Equal(new MetaTracked("node-a", "room:1", "alice", tracked), m),
            m => Assert.Equal(new MetaTracked("node-a", "room:1", "alice", updated), m),
            m => Assert.Equal(new StatusChosen("node-a", "alice", PresenceStatus.Busy), m),
            m => Assert.Equal(PresenceStatus.Busy, Assert.IsType<MetaTracked>(m).Meta.Status),
            m => Assert.Equal(new MetaUntracked("node-a", "room:1", "alice", "c1"), m));
    }

    [Fact]
    public async Task RemoteMetasAreListedBesideLocalOnes()
    {
        using var h = new PresenceHarness();
        var carol = h.Subscribe("room:1", "carol");
        h.Track("room:1", "alice", "c1");
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "alice", RemoteMeta("r1", 1)));
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", RemoteMeta("r2", 2)));
        await h.Settle();
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", RemoteMeta("r2", 3, PresenceStatus.Busy, prevRef: 2)));
        await h.Settle();

        Assert.Equal(2, h.Tracker.Get("room:1", "alice", "carol")!.ConnectionCount);
        var bob = h.Tracker.Get("room:1", "bob", "carol")!;
        Assert.Equal((PresenceStatus.Busy, 1), (bob.Status, bob.ConnectionCount));
        Assert.Single(carol.Changes[^1].Diff.Updates);
        Replay.AssertConverged(carol, h.Tracker.List("room:1", "carol"));
    }

    [Fact]
    public async Task RemoteUntrackGoesThroughTheLeaveDebounce()
    {
        using var h = new PresenceHarness();
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", RemoteMeta("r1", 1)));
        await h.Settle();
        var carol = h.Subscribe("room:1", "carol");

        h.Tracker.ApplyRemote(new MetaUntracked("node-b", "room:1", "bob", "r1"));
        await h.Settle();
        Assert.NotNull(h.Tracker.Get("room:1", "bob", "carol"));
        await h.SettleAfter(TimeSpan.FromSeconds(5));

        Assert.Equal([(PresenceEventKind.Left, "bob")], carol.EventKeys);
    }

    [Fact]
    public async Task DroppingANodeRemovesAllItsMetasAtOnce()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        h.Track("room:1", "alice", "c1");
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "alice", RemoteMeta("r1", 1)));
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", RemoteMeta("r2", 2)));
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:2", "bob", RemoteMeta("r2", 3)));
        await h.Settle();

        Assert.Equal(3, h.Tracker.DropNode("node-b"));
        await h.Settle();

        Assert.Equal(["alice"], h.Tracker.List("room:1", "carol").Users.Select(u => u.Key));
        Assert.Equal("node-a", Assert.Single(h.Tracker.Get("room:1", "alice", "carol")!.Metas).NodeId);
        Assert.Equal(0, h.Tracker.Count("room:2", "carol"));
    }

    [Fact]
    public async Task RemoteStatusChoiceAppliesToLocalConnectionsWithoutEchoingIt()
    {
        var replicator = new RecordingReplicator();
        using var h = new PresenceHarness(replicator: replicator);
        h.Track("room:1", "alice", "c1");

        h.Tracker.ApplyRemote(new StatusChosen("node-b", "alice", PresenceStatus.Invisible));
        await h.Settle();

        Assert.Equal(0, h.Tracker.Count("room:1", "carol"));
        Assert.DoesNotContain(replicator.Published, m => m is StatusChosen);
    }

    [Fact]
    public void MessagesFromThisNodeAreIgnoredAndLocalStateHoldsOnlyOwnMetas()
    {
        using var h = new PresenceHarness();
        var local = h.Track("room:1", "alice", "c1");
        h.Tracker.ApplyRemote(new MetaTracked("node-a", "room:1", "zed", RemoteMeta("x", 9) with { NodeId = "node-a" }));
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", RemoteMeta("r1", 1)));

        var state = Assert.Single(h.Tracker.LocalState());
        Assert.Equal(new MetaTracked("node-a", "room:1", "alice", local), state);
    }

    [Fact]
    public async Task ReplacingANodeShowsOnlyWhatItsSnapshotChanged()
    {
        using var h = new PresenceHarness();
        var alice = RemoteMeta("r1", 1);
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "alice", alice));
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", RemoteMeta("r2", 2)));
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:2", "bob", RemoteMeta("r3", 3)));
        await h.Settle();
        var carol = h.Subscribe("room:1", "carol");

        // The snapshot still has alice (the same meta, read back from the wire), lacks bob, and has dave.
        var changed = h.Tracker.ReplaceNode("node-b", [
            new MetaTracked("node-b", "room:1", "alice", alice with { }),
            new MetaTracked("node-b", "room:1", "dave", RemoteMeta("r4", 4)),
        ]);
        await h.Settle();

        Assert.Equal(3, changed);
        Assert.Equal([(PresenceEventKind.Joined, "dave")], carol.EventKeys);
        // Bob's leave (from room:2 too, which the snapshot does not name) waits for the debounce, as any leave does.
        Assert.NotNull(h.Tracker.Get("room:1", "bob", "carol"));
        Assert.Equal(1, h.Tracker.Count("room:2", "carol"));
        await h.SettleAfter(TimeSpan.FromSeconds(5));
        Assert.Equal(0, h.Tracker.Count("room:2", "carol"));
        Assert.Equal([(PresenceEventKind.Joined, "dave"), (PresenceEventKind.Left, "bob")], carol.EventKeys);
        Assert.Same(alice, h.Tracker.Get("room:1", "alice", "carol")!.Metas.Single());
        Replay.AssertConverged(carol, h.Tracker.List("room:1", "carol"));
    }

    [Fact]
    public async Task ANodeRestartingWithItsUsersBackInTimeShowsNoLeaveOrJoin()
    {
        using var h = new PresenceHarness();
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", RemoteMeta("old-circuit", 1)));
        await h.Settle();
        var carol = h.Subscribe("room:1", "carol");

        // node-b came back empty (a new incarnation), then bob's tab reconnected to it with a new circuit.
        h.Tracker.ReplaceNode("node-b", []);
        await h.Settle();
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", RemoteMeta("new-circuit", 2)));
        await h.SettleAfter(TimeSpan.FromSeconds(5));

        Assert.Empty(carol.EventKeys);
        Assert.Equal("new-circuit", Assert.Single(h.Tracker.Get("room:1", "bob", "carol")!.Metas).ConnectionId);
    }

    [Fact]
    public async Task TheSameRemoteMetaAppliedTwiceShowsNothing()
    {
        using var h = new PresenceHarness();
        var bob = RemoteMeta("r1", 1);
        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", bob));
        await h.Settle();
        var carol = h.Subscribe("room:1", "carol");

        h.Tracker.ApplyRemote(new MetaTracked("node-b", "room:1", "bob", bob with { }));
        h.Tracker.ReplaceNode("node-b", [new MetaTracked("node-b", "room:1", "bob", bob with { })]);
        await h.Settle();

        Assert.Empty(carol.Changes);
    }

    [Fact]
    public void ReplacingThisNodeOrWithAnotherNodesMetaIsRefused()
    {
        using var h = new PresenceHarness();
        h.Track("room:1", "alice", "c1");

        Assert.Equal(0, h.Tracker.ReplaceNode("node-a", []));
        Assert.Equal(1, h.Tracker.Count("room:1", "carol"));
        Assert.Throws<ArgumentException>(() => h.Tracker.ReplaceNode("node-c", [new MetaTracked("node-c", "room:1", "bob", RemoteMeta("r1", 1))]));
    }

    [Fact]
    public async Task ReplacingANodeWhileLocalTabsComeAndGoLosesNoLocalMeta()
    {
        using var h = new PresenceHarness(o => o.LeaveDebounce = TimeSpan.Zero);
        var snapshot = Enumerable.Range(0, 50).Select(i => new MetaTracked("node-b", $"room:{i % 5}", $"remote{i}", RemoteMeta($"r{i}", i + 1))).ToArray();

        var local = Task.Run(() => Parallel.For(0, 200, i => h.Track($"room:{i % 5}", $"local{i}", $"c{i}")));
        var remote = Task.Run(() => Parallel.For(0, 20, i => h.Tracker.ReplaceNode("node-b", i % 2 == 0 ? snapshot : snapshot[..25])));
        await Task.WhenAll(local, remote);
        h.Tracker.ReplaceNode("node-b", snapshot);
        await h.Settle();

        Assert.Equal(250, Enumerable.Range(0, 5).Sum(t => h.Tracker.Count($"room:{t}", "carol")));
        Assert.Equal(200, h.Tracker.LocalState().Count);
    }
}
