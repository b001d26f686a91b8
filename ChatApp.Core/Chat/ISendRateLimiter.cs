namespace ChatApp.Core.Chat;

/// <summary>
/// The send budget of a user across all of their tabs: <see cref="SendRateLimiter"/> on one instance, a shared one
/// (Redis) across several, which falls back to the instance's own while the shared one cannot be reached.
/// </summary>
public interface ISendRateLimiter
{
    /// <summary>One send's worth of budget, or null when the user is sending too fast.</summary>
    ValueTask<SendPermit?> TryAcquireAsync(string userId, CancellationToken ct = default);

    /// <summary>The send was not stored (the database failed, or another tab stored it first): its budget comes back.</summary>
    ValueTask RefundAsync(SendPermit permit);
}
