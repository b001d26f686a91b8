using ChatApp.Core.Presence;
using ChatApp.Web.Circuits;

namespace ChatApp.Web.Presence;

/// <summary>
/// Per circuit: one subscription to the <c>site</c> topic as this user sees it, shared by every component of the
/// circuit that shows someone's status (the app-bar count, dots next to names, toasts). Components listen to
/// <see cref="Changed"/> and marshal to the renderer with InvokeAsync themselves.
/// </summary>
public sealed class SitePresence(PresenceTracker tracker, CircuitPresence circuit) : IDisposable
{
    private readonly Lock gate = new();
    private PresenceSubscription? subscription;

    public event Action<PresenceChange>? Changed;

    public string? ViewerId => circuit.User?.UserId;

    /// <summary>Everyone online on the site as this viewer sees them (invisible users left out, except the viewer).</summary>
    public PresenceView Current
    {
        get
        {
            EnsureSubscribed();
            return subscription?.Current ?? tracker.List(RoomPresenceService.SiteTopic, "");
        }
    }

    public PresenceUser? Find(string userId) => Current.Get(userId);

    public void EnsureSubscribed()
    {
        if (subscription is not null || ViewerId is not { } viewer)
        {
            return;
        }
        lock (gate)
        {
            subscription ??= tracker.Subscribe(RoomPresenceService.SiteTopic, viewer, change =>
            {
                Changed?.Invoke(change);
                return Task.CompletedTask;
            });
        }
    }

    public void Dispose() => subscription?.Dispose();
}
