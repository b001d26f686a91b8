using ChatApp.Core.People;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;

namespace ChatApp.Web.Presence;

/// <summary>
/// Saves "last seen" when someone goes offline as everyone else sees it: after the leave debounce, and when they
/// turn invisible (so last-seen never reveals an invisible user). On shutdown, everyone still online is stamped.
/// </summary>
public sealed class LastSeenRecorder(
    PresenceTracker tracker,
    PeopleService people,
    TimeProvider time,
    ILogger<LastSeenRecorder> logger) : IHostedService
{
    private PresenceSubscription? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = tracker.Subscribe(RoomPresenceService.SiteTopic, RoomPresenceService.PublicViewer, RecordLeavesAsync);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        var now = time.GetUtcNow();
        try
        {
            foreach (var user in tracker.List(RoomPresenceService.SiteTopic, RoomPresenceService.PublicViewer).Users)
            {
                await people.RecordLastSeenAsync(user.Key, now, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            logger.LogWarning("Shutdown cut short saving last-seen times: {Reason}", ex.Message);
        }
    }

    private async Task RecordLeavesAsync(PresenceChange change)
    {
        foreach (var left in change.Events.Where(e => e.Kind == PresenceEventKind.Left))
        {
            try
            {
                await people.RecordLastSeenAsync(left.Key, time.GetUtcNow());
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not save last seen of {UserId}", left.Key);
            }
        }
    }
}
