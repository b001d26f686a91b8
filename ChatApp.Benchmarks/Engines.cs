using ChatApp.Core.Presence;
using Microsoft.Extensions.Options;

namespace ChatApp.Benchmarks;

internal static class Engines
{
    public const string Topic = "room:1";

    /// <summary>A tracker on the real clock that flushes every change at once, with a topic of the given size.</summary>
    public static PresenceTracker WithTopicOf(int users)
    {
        var options = new PresenceOptions { DiffTick = TimeSpan.Zero, LeaveDebounce = TimeSpan.Zero, NodeId = "bench" };
        var tracker = new PresenceTracker(TimeProvider.System, Options.Create(options));
        for (var i = 0; i < users; i++)
        {
            tracker.Track(Topic, $"user{i}", $"circuit{i}", new PresenceInfo($"User {i}", "#336699"));
        }
        return tracker;
    }
}
