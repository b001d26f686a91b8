using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat;

/// <summary>How many messages a user may send per window (<see cref="ChatOptions.SendLimitCount"/>), across all their tabs.</summary>
public sealed class SendRateLimiter(TimeProvider time, IOptions<ChatOptions> options)
{
    private readonly UserRateLimit limit = new(time, () => (options.Value.SendLimitCount, options.Value.SendLimitWindow));

    /// <summary>One send's worth of budget, or null when the user is sending too fast.</summary>
    public SendPermit? TryAcquire(string userId) =>
        limit.TryTake(userId) is { } takenAt ? new SendPermit(userId, takenAt) : null;

    /// <summary>The send was not stored (the database failed, or another tab stored it first): its budget comes back.</summary>
    public void Refund(SendPermit permit) => limit.Release(permit.UserId, permit.TakenAt);
}

public readonly record struct SendPermit(string UserId, DateTimeOffset TakenAt);
