using ChatApp.Core.Presence;
using CsCheck;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Presence;

/// <summary>Random operation sequences, the tracker against <see cref="PresenceModel"/>, checked after every step.</summary>
public sealed class ModelBasedTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(7);

    private static readonly Gen<PresenceStatus> ChoosableStatus =
        Gen.OneOf(PresenceStatus.Online, PresenceStatus.Busy, PresenceStatus.Away, PresenceStatus.Invisible);

    private static readonly Gen<(string Topic, int Key, string Connection)> Place =
        Gen.Select(Gen.Int[0, PresenceOperation.Topics.Length - 1], Gen.Int[0, PresenceOperation.Keys.Length - 1], Gen.Int[1, 2],
            (topic, key, index) => (PresenceOperation.Topics[topic], key, PresenceOperation.ConnectionOf(key, index)));

    private static readonly Gen<string> AnyConnection =
        Gen.Select(Gen.Int[0, PresenceOperation.Keys.Length - 1], Gen.Int[1, 2], PresenceOperation.ConnectionOf);

    private static readonly Gen<PresenceOperation> Operation = Gen.Frequency(
        (8, Gen.Select(Place, ChoosableStatus.Nullable(0.6), (p, s) => (PresenceOperation)new TrackOp(p.Topic, PresenceOperation.Keys[p.Key], p.Connection, s))),
        (4, Place.Select(p => (PresenceOperation)new UntrackOp(p.Topic, PresenceOperation.Keys[p.Key], p.Connection))),
        (2, AnyConnection.Select(c => (PresenceOperation)new UntrackConnectionOp(c))),
        (3, Gen.Select(Place, ChoosableStatus, (p, s) => (PresenceOperation)new UpdateOp(p.Topic, PresenceOperation.Keys[p.Key], p.Connection, s))),
        (2, Gen.Select(Gen.Int[0, PresenceOperation.Keys.Length - 1], ChoosableStatus, (k, s) => (PresenceOperation)new SetStatusOp(PresenceOperation.Keys[k], s))),
        (2, Gen.Select(AnyConnection, ChoosableStatus, (c, s) => (PresenceOperation)new SetConnectionStatusOp(c, s))),
        (3, AnyConnection.Select(c => (PresenceOperation)new DownOp(c))),
        (2, AnyConnection.Select(c => (PresenceOperation)new UpOp(c))),
        (4, Gen.Int[1, 5].Select(s => (PresenceOperation)new AdvanceOp(s))));

    private static readonly string[] Viewers = [.. PresenceOperation.Keys, "observer"];

    [Fact]
    public void TrackerBehavesLikeTheModelOverRandomOperationSequences()
    {
        Operation.Array[1, 40].Sample(RunAgainstModel, iter: 100, threads: 1);
    }

    private static void RunAgainstModel(PresenceOperation[] operations)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new PresenceOptions { LeaveDebounce = Debounce, DisconnectGrace = Grace, DiffTick = TimeSpan.Zero, NodeId = "node-a" };
        using var tracker = new PresenceTracker(time, Options.Create(options));
        var model = new PresenceModel(Debounce, Grace);
        var recorders = Viewers.Select(v => (Topic: "room:1", Recorder: Subscribe(tracker, "room:1", v))).ToList();

        foreach (var operation in operations)
        {
            operation.Apply(tracker, time);
            operation.Apply(model);
            foreach (var topic in PresenceOperation.Topics)
            {
                foreach (var viewer in Viewers)
                {
                    var actual = tracker.List(topic, viewer);
                    var expected = model.View(topic, viewer);
                    Assert.Equal(expected, PresenceModel.View(actual));
                    Assert.Equal(expected.Count, actual.Count);
                    Assert.Equal(expected.Count, tracker.Count(topic, viewer));
                }
            }
        }

        tracker.WhenDelivered().Wait(TimeSpan.FromSeconds(30));
        foreach (var (topic, recorder) in recorders)
        {
            Replay.AssertConverged(recorder, tracker.List(topic, recorder.Subscription.ViewerKey));
            AssertEventsFollowPresence(recorder);
        }
    }

    private static Recorder Subscribe(PresenceTracker tracker, string topic, string viewer)
    {
        var recorder = new Recorder();
        recorder.Subscription = tracker.Subscribe(topic, viewer, recorder.Handle);
        return recorder;
    }

    /// <summary>Joined only for someone absent, Left only for someone present, Updated only for someone present.</summary>
    private static void AssertEventsFollowPresence(Recorder recorder)
    {
        var present = recorder.Initial.Users.Select(u => u.Key).ToHashSet();
        foreach (var change in recorder.Changes)
        {
            foreach (var userEvent in change.Events)
            {
                var wasPresent = userEvent.Kind switch
                {
                    PresenceEventKind.Joined => present.Add(userEvent.Key) ? false : true,
                    PresenceEventKind.Left => present.Remove(userEvent.Key),
                    _ => present.Contains(userEvent.Key),
                };
                Assert.Equal(userEvent.Kind != PresenceEventKind.Joined, wasPresent);
            }
            Assert.Equal(present.Count, change.UserCount);
        }
    }
}
