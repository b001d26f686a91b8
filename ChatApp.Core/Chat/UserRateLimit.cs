using System.Collections.Concurrent;

namespace ChatApp.Core.Chat;

/// <summary>
/// Sliding-window limit keyed by user, so that opening more tabs does not raise it. The limit and window are read
/// on every call, so options bound from configuration apply as they are.
/// </summary>
public sealed class UserRateLimit(TimeProvider time, Func<(int Limit, TimeSpan Window)> settings)
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> byUser = new();

    public bool TryAcquire(string userId) => TryTake(userId) is not null;

    /// <summary>Takes one slot; returns when it was taken (to <see cref="Release"/> it), or null when none is left.</summary>
    public DateTimeOffset? TryTake(string userId)
    {
        var (limit, window) = settings();
        var now = time.GetUtcNow();
        var recent = byUser.GetOrAdd(userId, _ => []);
        lock (recent)
        {
            // Oldest first: slots are appended in time order and a release removes one without reordering.
            recent.RemoveAll(taken => now - taken >= window);
            if (recent.Count >= limit)
            {
                return null;
            }
            recent.Add(now);
            return now;
        }
    }

    /// <summary>Gives back a slot taken at <paramref name="takenAt"/>: the action it paid for did not happen.</summary>
    public void Release(string userId, DateTimeOffset takenAt)
    {
        if (!byUser.TryGetValue(userId, out var recent))
        {
            return;
        }
        lock (recent)
        {
            var index = recent.LastIndexOf(takenAt);
            if (index >= 0)
            {
                recent.RemoveAt(index);
            }
        }
    }
}
