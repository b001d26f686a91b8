using ChatApp.Core.People;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;

namespace ChatApp.Web.Circuits;

/// <summary>The real engine behind the circuit lifecycle: the site topic plus automatic away.</summary>
public sealed class ConnectionPresence(PresenceTracker tracker, ActivityTracker activity, StatusChoices statuses) : IConnectionPresence
{
    public async Task<bool> OpenedAsync(CircuitUser user)
    {
        // The status chosen before a restart comes first, so an invisible user is never tracked as online.
        if (!await statuses.RestoreAsync(user.UserId))
        {
            return false;
        }
        Track(user);
        return true;
    }

    /// <summary>
    /// Back from an outage. If it outlasted the disconnect grace the tab was untracked meanwhile: track it again
    /// (tracking is idempotent, so a short outage changes nothing here).
    /// </summary>
    public void Up(CircuitUser user)
    {
        tracker.ConnectionUp(user.ConnectionId);
        Track(user);
    }

    public void Down(string connectionId) => tracker.ConnectionDown(connectionId);

    public void Closed(string connectionId)
    {
        activity.Disconnected(connectionId);
        tracker.UntrackConnection(connectionId);
    }

    private void Track(CircuitUser user)
    {
        tracker.Track(RoomPresenceService.SiteTopic, user.UserId, user.ConnectionId, user.Info);
        activity.Connected(user.ConnectionId, user.UserId);
    }
}
