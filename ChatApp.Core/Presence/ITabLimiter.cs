namespace ChatApp.Core.Presence;

/// <summary>
/// The cap on live tabs (circuits) per account: <see cref="TabLimiter"/> on one instance, a shared one (Redis) across
/// several, which falls back to the instance's own while the shared one cannot be reached.
/// </summary>
public interface ITabLimiter
{
    int MaxTabsPerUser { get; }

    /// <summary>Takes a slot for the tab; false when the user already has the most tabs allowed. Idempotent per tab.</summary>
    ValueTask<bool> TryOpenAsync(string userId, string connectionId);

    /// <summary>Gives the tab's slot back (it closed); harmless for a tab that holds none. Never throws.</summary>
    void Close(string connectionId);

    /// <summary>How many tabs the user has open now.</summary>
    ValueTask<int> OpenTabsAsync(string userId);
}
