using ChatApp.Core.Chat;
using MudBlazor;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// What the person does in the room (send, type, load older) and what changes under them while it is open. Work that
/// returns after the view is gone (the person switched rooms meanwhile) finishes in its own room and shows nothing.
/// </summary>
public sealed partial class RoomView
{
    private bool loadingOlder;
    private bool sending;
    private string? error;
    // Kept until the send succeeds, so a retry after a failure cannot store the message twice.
    private Guid? pendingClientId;

    /// <summary>Sends the composer's text; true when it was stored (or refused for good), so the box empties.</summary>
    private async Task<bool> SendAsync(string text)
    {
        if (sending || room is null || userId is null)
        {
            return false;
        }
        sending = true;
        error = null;
        // The composer is a child: this view re-renders only when told (the button shows the send under way).
        StateHasChanged();
        pendingClientId ??= Guid.NewGuid();
        var roomId = room.Id;
        try
        {
            // Not cancelled with the view: a message on its way is stored in its own room even if the person moved on.
            var result = await chat.SendAsync(userId, roomId, pendingClientId.Value, text);
            if (closing.IsCancellationRequested)
            {
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
            if (!closing.IsCancellationRequested)
            {
                StateHasChanged();
            }
        }
    }

    /// <summary>The composer says the person is typing (throttled) or emptied the box.</summary>
    private async Task TypingChangedAsync(bool isTyping)
    {
        if (room is null || userId is null)
        {
            return;
        }
        var roomId = room.Id;
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
        if (closing.IsCancellationRequested)
        {
            // The view went away (and stopped this tab's typing) while the signal was on its way: stop it again.
            typing.StopTyping(userId, roomId);
        }
    }

    private async Task LoadOlderAsync()
    {
        if (room is null || userId is null || messages.OldestSeq is not { } oldest)
        {
            return;
        }
        loadingOlder = true;
        try
        {
            var older = await chat.GetHistoryAsync(userId, room.Id, oldest, closing.Token);
            if (closing.IsCancellationRequested)
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
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The view went away: nobody is waiting for older messages.
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

    /// <summary>
    /// The room or the user's account changed (renamed, archived, deleted, membership or role): show the new state,
    /// or lose the room if the service no longer lets this user open it.
    /// </summary>
    private async Task RecheckAccessAsync()
    {
        if (state == ViewState.Loading)
        {
            recheckWhenOpen = true;
            return;
        }
        if (state != ViewState.Open || room is null || userId is null)
        {
            return;
        }
        ChatResult<RoomSummary> reopened;
        try
        {
            reopened = await chat.OpenRoomAsync(userId, room.Id, closing.Token);
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Showing a room that may be gone or closed to this user would be worse than asking for a reload.
            logger.LogError(ex, "Re-checking access to room {RoomId} failed", room.Id);
            if (!closing.IsCancellationRequested && state == ViewState.Open)
            {
                Release();
                state = ViewState.Failed;
                StateHasChanged();
            }
            return;
        }
        if (closing.IsCancellationRequested || state != ViewState.Open)
        {
            return;
        }
        if (reopened.Succeeded)
        {
            room = reopened.Value!;
            StateHasChanged();
            return;
        }
        Release();
        state = ViewState.Denied;
        if (reopened.Error!.Kind == ChatErrorKind.NotFound)
        {
            var text = "This room was deleted. You are in the lobby now.";
            snackbar.Add(builder => builder.AddContent(0, text), Severity.Warning);
            // Sent again if the connection is down right now (see CircuitNavigation).
            navigation.NavigateTo($"rooms/{Room.LobbySlug}");
        }
        StateHasChanged();
    }
}
