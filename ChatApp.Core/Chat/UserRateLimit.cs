using System.Collections.Concurrent;

namespace ChatApp.Core.Chat;

/// <summary>
/// Sliding-window limit keyed by user, so that opening more tabs does not raise it. The limit and window are read
/// on every call, so options bound from configuration apply as they are.
/// </summary>
public sealed class UserRateLimit(TimeProvider time, Func<(int Limit, TimeSpan Window)> settings)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> byUser = new();

    public bool TryAcquire(string userId)
    {
        var (limit, window) = settings();
        var now = time.GetUtcNow();
        var recent = byUser.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() >= window)
            {
                recent.Dequeue();
            }
            if (recent.Count >= limit)
            {
                return false;
            }
            recent.Enqueue(now);
            return true;
        }
    }
}
