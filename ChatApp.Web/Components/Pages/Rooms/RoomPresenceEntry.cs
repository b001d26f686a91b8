using ChatApp.Core.Chat;
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
    CircuitPresence circuit,
    ILogger<RoomPresenceEntry> logger) : ComponentBase, IDisposable
{
    // Cancelled on Dispose: an entry still under way is undone instead of leaving the tab in a room it has left.
    private readonly CancellationTokenSource closing = new();
    private string? trackedConnection;

    [Parameter, EditorRequired]
    public int RoomId { get; set; }

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    protected override Task OnInitializedAsync()
    {
        circuit.Resumed += OnResumed;
        return EnterAsync();
    }

    private void OnResumed() => _ = InvokeAsync(EnterAsync);

    private async Task EnterAsync()
    {
        if (closing.IsCancellationRequested || circuit.User is not { } me)
        {
            return;
        }
        var ct = closing.Token;
        ChatError? refused;
        try
        {
            refused = await roomPresence.EnterAsync(UserId, RoomId, me.ConnectionId, me.Info, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped at the access check, before tracking: there is nothing to undo.
            return;
        }
        catch (Exception ex)
        {
            // The room works without it; others just do not see this tab in it until the next entry.
            logger.LogError(ex, "Entering the presence of room {RoomId} failed", RoomId);
            return;
        }
        if (refused is not null)
        {
            return;
        }
        if (ct.IsCancellationRequested)
        {
            // The room went away while the tab was entering it: leaving now is the only thing that will untrack it.
            roomPresence.Leave(UserId, RoomId, me.ConnectionId);
            return;
        }
        trackedConnection = me.ConnectionId;
    }

    public void Dispose()
    {
        circuit.Resumed -= OnResumed;
        closing.Cancel();
        closing.Dispose();
        if (trackedConnection is not null)
        {
            roomPresence.Leave(UserId, RoomId, trackedConnection);
        }
    }
}
