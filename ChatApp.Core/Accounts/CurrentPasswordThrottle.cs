using System.Collections.Concurrent;

namespace ChatApp.Core.Accounts;

/// <summary>
/// Wrong current passwords per signed-in account (changing the password, closing the account): someone at an
/// unlocked computer, or holding a stolen cookie, must not be able to guess the password without end. Each attempt
/// counts before the password is checked, so many posts at once cannot slip past the limit; a right password gives
/// the account its budget back (the earlier ones were the owner's typos). Safe from many requests at once.
/// </summary>
public sealed class CurrentPasswordThrottle(TimeProvider time, Func<(int Limit, TimeSpan Window)> settings)
{
    // One entry per account that ever mistyped: bounded by the accounts, so nothing needs pruning.
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> attempts = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts an attempt by <paramref name="userId"/> (the signed-in user); null when it may go ahead, otherwise how
    /// long until it may (and nothing was counted).
    /// </summary>
    public TimeSpan? TryBegin(string userId)
    {
        var (limit, window) = settings();
        var now = time.GetUtcNow();
        var recent = attempts.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() >= window)
            {
                recent.Dequeue();
            }
            if (recent.Count >= limit)
            {
                return recent.Peek() + window - now;
            }
            recent.Enqueue(now);
            return null;
        }
    }

    /// <summary>The attempt gave the right password: none of the account's recent attempts count any more.</summary>
    public void PasswordWasRight(string userId)
    {
        if (attempts.TryGetValue(userId, out var recent))
        {
            lock (recent)
            {
                recent.Clear();
            }
        }
    }
}
