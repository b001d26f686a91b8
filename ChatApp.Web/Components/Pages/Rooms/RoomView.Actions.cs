using ChatApp.Core.Chat;
using ChatApp.Web.Operations.Logging;
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
        if (sending || access is null)
        {
            return false;
        }
        sending = true;
        error = null;
        // The composer is a child: this view re-renders only when told (the button shows the send under way).
        StateHasChanged();
        pendingClientId ??= Guid.NewGuid();
        var (author, roomId) = (access.UserId, access.RoomId);
        using var scope = logger.BeginScope(LogScope.Room(roomId));
        try
        {
            // Not cancelled with the view: a message on its way is stored in its own room even if the person moved on.
            // Sending checks in the database itself: a write never trusts the access alone.
            var result = await chat.SendAsync(author, roomId, pendingClientId.Value, text);
            if (closing.IsCancellationRequested)
            {
                return false;
            }
            if (result.Succeeded)
            {
                typing.StopTyping(author, roomId);
                pendingClientId = null;
                messages.AddNew(result.Value!);
                messageList?.ShowNewest();
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
    private Task TypingChangedAsync(bool isTyping)
    {
        if (access is null)
        {
            return Task.CompletedTask;
        }
        if (!isTyping)
        {
            typing.StopTyping(access.UserId, access.RoomId);
            return Task.CompletedTask;
        }
        // No access check and no database: the access says this tab may type here; once it ends, signals are refused
        // and the indicator goes (also when the view went away while the signal was on its way).
        typing.SignalTyping(access);
        return Task.CompletedTask;
    }

    private async Task LoadOlderAsync()
    {
        if (access is null || messages.OldestSeq is not { } oldest)
        {
            return;
        }
        loadingOlder = true;
        try
        {
            var older = await chat.GetHistoryAsync(access, oldest, closing.Token);
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

    /// <summary>The room changed (renamed, archived, deleted): show it as it is now.</summary>
    private async Task RefreshRoomAsync()
    {
        if (state == ViewState.Loading)
        {
            recheckWhenOpen = true;
            return;
        }
        if (state != ViewState.Open || access is null)
        {
            return;
        }
        ChatResult<RoomSummary> now;
        try
        {
            now = await chat.GetRoomAsync(access, closing.Token);
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Showing a room that may be gone or closed to this user would be worse than asking for a reload.
            logger.LogError(ex, "Re-reading room {RoomId} failed", access.RoomId);
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
        if (now.Succeeded)
        {
            room = now.Value!;
            StateHasChanged();
            return;
        }
        Lose(deleted: now.Error!.Kind == ChatErrorKind.NotFound);
    }

    /// <summary>The access ended under the open room (revoked by an administrator's change): show why.</summary>
    private Task ShowAccessEndedAsync()
    {
        if (state == ViewState.Loading)
        {
            recheckWhenOpen = true;
        }
        else if (state == ViewState.Open && access?.EndedBecause is { } why && why != RoomAccessEnd.Closed)
        {
            Lose(deleted: why == RoomAccessEnd.RoomDeleted);
        }
        return Task.CompletedTask;
    }

    private void Lose(bool deleted)
    {
        Release();
        state = ViewState.Denied;
        if (deleted)
        {
            var text = "This room was deleted. You are in the lobby now.";
            snackbar.Add(builder => builder.AddContent(0, text), Severity.Warning);
            // Sent again if the connection is down right now (see CircuitNavigation).
            navigation.NavigateTo($"rooms/{Room.LobbySlug}");
        }
        StateHasChanged();
    }
}
