using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat;

/// <summary>
/// Sliding-window limit on sends, keyed by user so that opening more tabs does not raise it.
/// </summary>
public sealed class SendRateLimiter(TimeProvider time, IOptions<ChatOptions> options)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> sendsByUser = new();

    public bool TryAcquire(string userId)
    {
        var (limit, window) = (options.Value.SendLimitCount, options.Value.SendLimitWindow);
        var now = time.GetUtcNow();
        var sends = sendsByUser.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (sends)
        {
            while (sends.Count > 0 && now - sends.Peek() >= window)
            {
                sends.Dequeue();
            }
            if (sends.Count >= limit)
            {
                return false;
            }
            sends.Enqueue(now);
            return true;
        }
    }
}
