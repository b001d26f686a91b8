using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat;

/// <summary>
/// How many messages a user may send per window (<see cref="ChatOptions.SendLimitCount"/>), across all their tabs on
/// this instance. Several instances share a budget through a shared <see cref="ISendRateLimiter"/>, which uses this
/// one while it cannot reach the others.
/// </summary>
public sealed class SendRateLimiter(TimeProvider time, IOptions<ChatOptions> options) : ISendRateLimiter
{
    private readonly UserRateLimit limit = new(time, () => (options.Value.SendLimitCount, options.Value.SendLimitWindow));

    /// <summary>One send's worth of budget, or null when the user is sending too fast.</summary>
    public SendPermit? TryAcquire(string userId) =>
        limit.TryTake(userId) is { } takenAt ? new SendPermit(userId, takenAt) : null;

    /// <summary>The send was not stored (the database failed, or another tab stored it first): its budget comes back.</summary>
    public void Refund(SendPermit permit) => limit.Release(permit.UserId, permit.TakenAt);

    ValueTask<SendPermit?> ISendRateLimiter.TryAcquireAsync(string userId, CancellationToken ct) => ValueTask.FromResult(TryAcquire(userId));

    ValueTask ISendRateLimiter.RefundAsync(SendPermit permit)
    {
        Refund(permit);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// One send's budget, taken at <paramref name="TakenAt"/>. <paramref name="SharedId"/>: its entry in the shared
/// budget of all instances, or null when this instance's own budget paid for it.
/// </summary>
public readonly record struct SendPermit(string UserId, DateTimeOffset TakenAt, string? SharedId = null);
