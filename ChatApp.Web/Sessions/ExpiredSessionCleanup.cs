using ChatApp.Core.Sessions;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Sessions;

/// <summary>Deletes expired sessions at start-up and then every <see cref="UserSessionOptions.CleanupInterval"/>.</summary>
public sealed class ExpiredSessionCleanup(
    SessionStore store,
    TimeProvider time,
    IOptions<UserSessionOptions> options,
    ILogger<ExpiredSessionCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        do
        {
            try
            {
                var removed = await store.RemoveExpiredAsync(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} expired sessions", removed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may still be migrating at start-up, or briefly busy: the next round tries again.
                logger.LogWarning(ex, "Expired sessions could not be removed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
