using ChatApp.Core.Presence;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Presence;

/// <summary>One step applied alike to the tracker and to the model.</summary>
internal abstract record PresenceOperation
{
    public static readonly string[] Topics = ["site", "room:1"];
    public static readonly string[] Keys = ["alice", "bob", "carol"];

    public static string ConnectionOf(int key, int index) => $"{Keys[key]}-{index}";

    public abstract void Apply(PresenceTracker tracker, FakeTimeProvider time);

    public abstract void Apply(PresenceModel model);
}

internal sealed record TrackOp(string Topic, string Key, string Connection, PresenceStatus? Status) : PresenceOperation
{
    public override void Apply(PresenceTracker tracker, FakeTimeProvider time) => tracker.Track(Topic, Key, Connection, new PresenceInfo(Key), Status);
    public override void Apply(PresenceModel model) => model.Track(Topic, Key, Connection, Status);
}

internal sealed record UntrackOp(string Topic, string Key, string Connection) : PresenceOperation
{
    public override void Apply(PresenceTracker tracker, FakeTimeProvider time) => tracker.Untrack(Topic, Key, Connection);
    public override void Apply(PresenceModel model) => model.Untrack(Topic, Key, Connection);
}

internal sealed record UntrackConnectionOp(string Connection) : PresenceOperation
{
    public override void Apply(PresenceTracker tracker, FakeTimeProvider time) => tracker.UntrackConnection(Connection);
    public override void Apply(PresenceModel model) => model.UntrackConnection(Connection);
}

internal sealed record UpdateOp(string Topic, string Key, string Connection, PresenceStatus Status) : PresenceOperation
{
    public override void Apply(PresenceTracker tracker, FakeTimeProvider time) => tracker.Update(Topic, Key, Connection, status: Status);
    public override void Apply(PresenceModel model) => model.Update(Topic, Key, Connection, Status);
}

internal sealed record SetStatusOp(string Key, PresenceStatus Status) : PresenceOperation
{
    public override void Apply(PresenceTracker tracker, FakeTimeProvider time) => tracker.SetStatus(Key, Status);
    public override void Apply(PresenceModel model) => model.SetStatus(Key, Status);
}

internal sealed record SetConnectionStatusOp(string Connection, PresenceStatus Status) : PresenceOperation
{
    public override void Apply(PresenceTracker tracker, FakeTimeProvider time) => tracker.SetConnectionStatus(Connection, Status);
    public override void Apply(PresenceModel model) => model.SetConnectionStatus(Connection, Status);
}

internal sealed record DownOp(string Connection) : PresenceOperation
{
    public override void Apply(PresenceTracker tracker, FakeTimeProvider time) => tracker.ConnectionDown(Connection);
    public override void Apply(PresenceModel model) => model.ConnectionDown(Connection);
}

internal sealed record UpOp(string Connection) : PresenceOperation
{
    public override void Apply(PresenceTracker tracker, FakeTimeProvider time) => tracker.ConnectionUp(Connection);
    public override void Apply(PresenceModel model) => model.ConnectionUp(Connection);
}

internal sealed record AdvanceOp(int Seconds) : PresenceOperation
{
    public override void Apply(PresenceTracker tracker, FakeTimeProvider time)
    {
        // One second at a time, so every timer fires at its own due time, as the model's deadlines do.
        for (var i = 0; i < Seconds; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    public override void Apply(PresenceModel model)
    {
        for (var i = 0; i < Seconds; i++)
        {
            model.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
