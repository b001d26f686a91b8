using ChatApp.Core.Chat;
using ChatApp.Core.Rooms;
using ChatApp.Core.Presence;
using ChatApp.Web.Circuits;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// This tab's place in the room's presence (it shows nothing): tracked while the room is shown, again after the
/// circuit came back from a long outage (entering is idempotent), and untracked when the room goes away.
/// </summary>
public sealed class RoomPresenceEntry(
    RoomPresenceService roomPresence,
    CircuitState circuit,
    ILogger<RoomPresenceEntry> logger) : ComponentBase, IDisposable
{
    // Set on Dispose: a resume that arrives afterwards must not put the tab back in a room it has left.
    private bool closing;
    private string? trackedConnection;

    /// <summary>The tab's access to the room: entering needs no other check, and ends with it.</summary>
    [Parameter, EditorRequired]
    public RoomAccess Access { get; set; } = default!;

    protected override void OnInitialized()
    {
        circuit.Resumed += OnResumed;
        Enter();
    }

    private void OnResumed() => _ = InvokeAsync(Enter);

    private void Enter()
    {
        if (closing || circuit.User is not { } me)
        {
            return;
        }
        try
        {
            if (roomPresence.Enter(Access, me.ConnectionId, me.Info) is null)
            {
                trackedConnection = me.ConnectionId;
            }
        }
        catch (Exception ex)
        {
            // The room works without it; others just do not see this tab in it until the next entry.
            logger.LogError(ex, "Entering the presence of room {RoomId} failed", Access.RoomId);
        }
    }

    public void Dispose()
    {
        circuit.Resumed -= OnResumed;
        closing = true;
        if (trackedConnection is not null)
        {
            roomPresence.Leave(Access, trackedConnection);
        }
    }
}
