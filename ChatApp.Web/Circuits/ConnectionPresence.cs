using ChatApp.Core.Presence;

namespace ChatApp.Web.Circuits;

/// <summary>The real engine behind the circuit lifecycle: the site topic plus automatic away.</summary>
public sealed class ConnectionPresence(PresenceTracker tracker, ActivityTracker activity) : IConnectionPresence
{
    public void Opened(CircuitUser user)
    {
        tracker.Track(RoomPresenceService.SiteTopic, user.UserId, user.ConnectionId, user.Info);
        activity.Connected(user.ConnectionId, user.UserId);
    }

    public void Up(string connectionId) => tracker.ConnectionUp(connectionId);

    public void Down(string connectionId) => tracker.ConnectionDown(connectionId);

    public void Closed(string connectionId)
    {
        activity.Disconnected(connectionId);
        tracker.UntrackConnection(connectionId);
    }
}
