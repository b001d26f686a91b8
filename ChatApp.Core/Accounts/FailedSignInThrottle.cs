using System.Collections.Concurrent;

namespace ChatApp.Core.Accounts;

/// <summary>
/// How many failed sign-ins one client address may make against one account (the email as typed, whether or not it
/// has an account, so the answer says nothing about which do) per window. Over it, the address is refused before the
/// password is checked, so its guesses stop counting towards the account's lockout: set below Identity's
/// MaxFailedAccessAttempts, one address alone cannot lock someone else out within a window.
/// </summary>
public sealed class FailedSignInThrottle(TimeProvider time, Func<(int Limit, TimeSpan Window)> settings)
{
    /// <summary>Keys come from strangers (any address, any email), so entries whose window passed are dropped now and then.</summary>
    private const int PruneEvery = 1024;

    private readonly ConcurrentDictionary<(string Address, string Account), Failures> failures = new();
    private long calls;

    /// <summary>Null when the address may try this account now; otherwise how long until it may.</summary>
    public TimeSpan? RetryAfter(string address, string account)
    {
        var (limit, window) = settings();
        var now = time.GetUtcNow();
        if (!failures.TryGetValue(Key(address, account), out var recent))
        {
            return null;
        }
        lock (recent)
        {
            recent.Trim(now, window);
            return recent.Times.Count >= limit ? recent.Times.Peek() + window - now : null;
        }
    }

    public void RecordFailure(string address, string account)
    {
        var (_, window) = settings();
        var now = time.GetUtcNow();
        var key = Key(address, account);
        while (true)
        {
            var recent = failures.GetOrAdd(key, _ => new Failures());
            lock (recent)
            {
                // A pruned entry is gone from the dictionary: record on the one that replaced it, or the failure is lost.
                if (recent.Removed)
                {
                    continue;
                }
                recent.Trim(now, window);
                recent.Times.Enqueue(now);
                break;
            }
        }
        if (Interlocked.Increment(ref calls) % PruneEvery == 0)
        {
            Prune(now, window);
        }
    }

    /// <summary>The right password was given from this address: its earlier typos no longer count.</summary>
    public void Forget(string address, string account)
    {
        if (failures.TryGetValue(Key(address, account), out var recent))
        {
            lock (recent)
            {
                recent.Times.Clear();
            }
        }
    }

    internal int TrackedPairs => failures.Count;

    private void Prune(DateTimeOffset now, TimeSpan window)
    {
        foreach (var (key, recent) in failures)
        {
            lock (recent)
            {
                recent.Trim(now, window);
                if (recent.Times.Count == 0)
                {
                    recent.Removed = true;
                    failures.TryRemove(KeyValuePair.Create(key, recent));
                }
            }
        }
    }

    private static (string, string) Key(string address, string account) => (address, account.Trim().ToUpperInvariant());

    private sealed class Failures
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public bool Removed { get; set; }

        public void Trim(DateTimeOffset now, TimeSpan window)
        {
            while (Times.Count > 0 && now - Times.Peek() >= window)
            {
                Times.Dequeue();
            }
        }
    }
}
