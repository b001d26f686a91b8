using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat;

/// <summary>How many messages a user may send per window (<see cref="ChatOptions.SendLimitCount"/>), across all their tabs.</summary>
public sealed class SendRateLimiter(TimeProvider time, IOptions<ChatOptions> options)
{
    private readonly UserRateLimit limit = new(time, () => (options.Value.SendLimitCount, options.Value.SendLimitWindow));

    public bool TryAcquire(string userId) => limit.TryAcquire(userId);
}
