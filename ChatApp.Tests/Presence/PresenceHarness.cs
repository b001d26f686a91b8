using ChatApp.Core.Presence;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Presence;

/// <summary>A tracker on a fake clock. Time only moves when a test moves it; deliveries are awaited, never slept for.</summary>
internal sealed class PresenceHarness : IDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    public PresenceHarness(Action<PresenceOptions>? configure = null, IPresenceReplicator? replicator = null)
    {
        Options = new PresenceOptions { NodeId = "node-a" };
        configure?.Invoke(Options);
        Tracker = new PresenceTracker(Time, Microsoft.Extensions.Options.Options.Create(Options), replicator);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public PresenceOptions Options { get; }

    public PresenceTracker Tracker { get; }

    public static PresenceInfo Info(string name, string? color = null) => new(name, color);

    public PresenceMeta Track(string topic, string key, string connectionId, PresenceStatus? status = null) =>
        Tracker.Track(topic, key, connectionId, Info(key.ToUpperInvariant()), status);

    public Recorder Subscribe(string topic, string viewerKey, Func<PresenceChange, Task>? inner = null)
    {
        var recorder = new Recorder(inner);
        recorder.Subscription = Tracker.Subscribe(topic, viewerKey, recorder.Handle);
        return recorder;
    }

    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Lets one diff tick pass (flushing what is pending) and waits until every subscriber has been handed it.</summary>
    public async Task Settle()
    {
        Time.Advance(Options.DiffTick);
        await Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Moves the clock forward and then settles.</summary>
    public async Task SettleAfter(TimeSpan by)
    {
        Time.Advance(by);
        await Settle();
    }

    public void Dispose() => Tracker.Dispose();

    /// <summary>Polls a condition that other threads will make true; the limit only guards against a hang.</summary>
    public static async Task WaitUntil(Func<bool> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The condition never became true.");
            }
            await Task.Yield();
        }
    }
}

internal sealed class Recorder(Func<PresenceChange, Task>? inner = null)
{
    private readonly Lock gate = new();
    private readonly List<PresenceChange> changes = [];

    /// <summary>Setting it also takes the subscription's initial view, which is handed out once, right away.</summary>
    public PresenceSubscription Subscription
    {
        get;
        set
        {
            field = value;
            Initial = value.TakeInitial();
        }
    } = null!;

    /// <summary>The view the recorded changes start from, taken from the subscription as soon as it was made.</summary>
    public PresenceView Initial { get; private set; }

    public IReadOnlyList<PresenceChange> Changes
    {
        get
        {
            lock (gate)
            {
                return [.. changes];
            }
        }
    }

    public IReadOnlyList<PresenceEvent> Events => [.. Changes.SelectMany(c => c.Events)];

    public IReadOnlyList<(PresenceEventKind Kind, string Key)> EventKeys => [.. Events.Select(e => (e.Kind, e.Key))];

    /// <summary>Every key any recorded diff touched (joined, left or changed a meta).</summary>
    public IReadOnlyList<string> ChangedKeys => [.. Changes.SelectMany(c => c.Diff.Joins.Keys.Concat(c.Diff.Leaves.Keys)).Distinct()];

    public Task Handle(PresenceChange change)
    {
        lock (gate)
        {
            changes.Add(change);
        }
        return inner?.Invoke(change) ?? Task.CompletedTask;
    }
}

internal static class Replay
{
    /// <summary>The viewer's state as meta ref -> key (refs are unique, so one flat map holds every user's metas).</summary>
    public static Dictionary<long, string> StateOf(PresenceView view)
    {
        var state = new Dictionary<long, string>();
        foreach (var user in view.Users)
        {
            foreach (var meta in user.Metas)
            {
                state.Add(meta.Ref, user.Key);
            }
        }
        return state;
    }

    /// <summary>Applies the changes to the initial snapshot, checking versions follow on with no gap or repeat.</summary>
    public static Dictionary<long, string> Apply(PresenceView initial, IEnumerable<PresenceChange> changes)
    {
        var state = StateOf(initial);
        var version = initial.Version;
        foreach (var change in changes)
        {
            Assert.Equal(version, change.FromVersion);
            Assert.True(change.ToVersion > change.FromVersion);
            version = change.ToVersion;
            foreach (var (key, metas) in change.Diff.Leaves)
            {
                foreach (var meta in metas)
                {
                    Assert.True(state.Remove(meta.Ref, out var owner) && owner == key, $"leave of a meta {meta.Ref} the subscriber never had");
                }
            }
            foreach (var (key, metas) in change.Diff.Joins)
            {
                foreach (var meta in metas)
                {
                    Assert.True(state.TryAdd(meta.Ref, key), $"join of a meta {meta.Ref} the subscriber already had");
                }
            }
        }
        return state;
    }

    public static void AssertConverged(Recorder recorder, PresenceView final)
    {
        var replayed = Apply(recorder.Initial, recorder.Changes);
        var expected = StateOf(final);
        Assert.Equal(expected.Count, replayed.Count);
        foreach (var (metaRef, key) in expected)
        {
            Assert.True(replayed.TryGetValue(metaRef, out var replayedKey) && replayedKey == key, $"meta {metaRef} of {key} is missing");
        }
        if (recorder.Changes.Count > 0)
        {
            Assert.True(final.Version >= recorder.Changes[^1].ToVersion);
            Assert.Equal(final.Count, recorder.Changes[^1].UserCount);
        }
    }
}
