using ChatApp.Core.Chat;
using ChatApp.Core.Presence;
using ChatApp.Core.Typing;
using MudBlazor;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>What the person does in the room (send, type, load older) and what changes under them while it is open.</summary>
public sealed partial class RoomPage
{
    /// <summary>Sends the composer's text; true when it was stored (or refused for good), so the box empties.</summary>
    private async Task<bool> SendAsync(string text)
    {
        if (sending || room is null || userId is null)
        {
            return false;
        }
        sending = true;
        error = null;
        // The composer is a child: this page re-renders only when told (the button shows the send under way).
        StateHasChanged();
        // Kept until the send succeeds, so a retry after a failure cannot store the message twice.
        pendingClientId ??= Guid.NewGuid();
        var (opening, roomId) = (generation, room.Id);
        try
        {
            var result = await chat.SendAsync(userId, roomId, pendingClientId.Value, text);
            if (opening != generation)
            {
                // Saved (or refused) in the room the user has left; this room's draft and list are not its business.
                return false;
            }
            if (result.Succeeded)
            {
                typing.StopTyping(userId, roomId);
                pendingClientId = null;
                messages.AddNew(result.Value!);
                scrollToEnd = true;
                return true;
            }
            error = result.Error!.Message;
            if (result.Error.Kind is not ChatErrorKind.TooFast)
            {
                pendingClientId = null;
            }
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The draft and its client id stay, so sending again cannot store the message twice.
            logger.LogError(ex, "Sending to room {RoomId} failed", roomId);
            error = "Your message could not be sent. Try again.";
            return false;
        }
        finally
        {
            sending = false;
            StateHasChanged();
        }
    }

    /// <summary>The composer says the person is typing (throttled) or emptied the box.</summary>
    private async Task TypingChangedAsync(bool isTyping)
    {
        if (room is null || userId is null)
        {
            return;
        }
        var (opening, roomId) = (generation, room.Id);
        if (!isTyping)
        {
            typing.StopTyping(userId, roomId);
            return;
        }
        try
        {
            // The service throttles as well: a signal that gets through costs one access check and one broadcast.
            await typing.SignalTypingAsync(userId, circuit.User?.DisplayName ?? "", roomId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // "Is typing" is a nicety: losing one signal must not cost the user their tab.
            logger.LogWarning(ex, "Typing signal for room {RoomId} failed", roomId);
        }
        if (opening != generation)
        {
            typing.StopTyping(userId, roomId);
        }
    }

    private static string TypingText(IReadOnlyList<Typist> typists) => typists.Count switch
    {
        1 => $"{typists[0].DisplayName} is typing…",
        2 => $"{typists[0].DisplayName} and {typists[1].DisplayName} are typing…",
        _ => "Several people are typing…",
    };

    private async Task LoadOlderAsync()
    {
        if (room is null || userId is null || messages.OldestSeq is not { } oldest)
        {
            return;
        }
        loadingOlder = true;
        var opening = generation;
        try
        {
            var older = await chat.GetHistoryAsync(userId, room.Id, oldest);
            if (opening != generation)
            {
                return;
            }
            if (older.Succeeded)
            {
                messages.AddPage(older.Value!);
            }
            else
            {
                error = older.Error!.Message;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Loading older messages failed");
            error = "Older messages could not be loaded. Try again.";
        }
        finally
        {
            loadingOlder = false;
        }
    }

    private void EnterPresence() => _ = InvokeAsync(EnterPresenceAsync);

    /// <summary>Tracks this tab in the room; again after the circuit came back from a long outage (it is idempotent).</summary>
    private async Task EnterPresenceAsync()
    {
        if (room is null || userId is null || circuit.User is not { } me)
        {
            return;
        }
        var (opening, roomId, user) = (generation, room.Id, userId);
        if (await roomPresence.EnterAsync(user, roomId, me.ConnectionId, me.Info) is not null)
        {
            return;
        }
        if (opening != generation)
        {
            // The page left the room while entering it: leaving again is the only thing that will ever untrack it.
            roomPresence.Leave(user, roomId, me.ConnectionId);
            return;
        }
        trackedConnection = me.ConnectionId;
    }

    /// <summary>
    /// The room or the user's account changed (renamed, archived, deleted, membership or role): show the new state,
    /// or lose the room if the service no longer lets this user open it.
    /// </summary>
    private async Task RecheckAccessAsync()
    {
        if (room is null || userId is null)
        {
            return;
        }
        var opening = generation;
        ChatResult<RoomSummary> reopened;
        try
        {
            reopened = await chat.OpenRoomAsync(userId, room.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Showing a room that may be gone or closed to this user would be worse than asking for a reload.
            logger.LogError(ex, "Re-checking access to room {RoomId} failed", room.Id);
            if (opening == generation)
            {
                CloseRoom();
                state = PageState.Failed;
                StateHasChanged();
            }
            return;
        }
        if (opening != generation)
        {
            return;
        }
        if (reopened.Succeeded)
        {
            room = reopened.Value!;
            StateHasChanged();
            return;
        }
        var deleted = reopened.Error!.Kind == ChatErrorKind.NotFound;
        CloseRoom();
        state = PageState.Denied;
        if (deleted)
        {
            var text = "This room was deleted. You are in the lobby now.";
            snackbar.Add(builder => builder.AddContent(0, text), Severity.Warning);
            // Sent again if the connection is down right now (see CircuitNavigation).
            navigation.NavigateTo($"rooms/{Room.LobbySlug}");
        }
        StateHasChanged();
    }

    private void ShowPresenceEvents(IReadOnlyList<PresenceEvent> events)
    {
        foreach (var presenceEvent in events.Where(e => e.Kind != PresenceEventKind.Updated && e.Key != userId))
        {
            var kind = presenceEvent.Kind == PresenceEventKind.Joined ? "joined" : "left";
            notices.Add(new Notice(Guid.NewGuid(), presenceEvent.User.DisplayName, kind, time.GetUtcNow()));
            var text = $"{presenceEvent.User.DisplayName} {kind}";
            snackbar.Add(builder => builder.AddContent(0, text), Severity.Normal);
        }
        if (notices.Count > MaxNotices)
        {
            notices.RemoveRange(0, notices.Count - MaxNotices);
        }
    }
}
