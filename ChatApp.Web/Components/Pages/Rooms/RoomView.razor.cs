using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.Typing;
using ChatApp.Web.Circuits;
using ChatApp.Web.Components.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// One room, shown: opening it, its messages (live), and what changes under it while it is open. A view lives for
/// one room only (RoomPage makes a new one for every room), so anything that arrives after it is disposed belongs
/// to a room that is no longer shown and does nothing. What the person does (send, type, load older) lives in
/// RoomView.Actions.cs; presence, typing and activity in their own components.
/// </summary>
public sealed partial class RoomView(
    ChatService chat,
    IEventBus events,
    TypingService typing,
    ISnackbar snackbar,
    IJSRuntime js,
    CircuitNavigation navigation,
    IOptions<ChatOptions> chatOptions,
    ILogger<RoomView> logger) : ComponentBase, IAsyncDisposable
{
    private enum ViewState { Loading, Unavailable, Denied, Failed, Open }

    // Cancelled on Dispose: loads under way stop, and live updates already on their way find the view closed.
    private readonly CancellationTokenSource closing = new();
    // Live subscriptions for this room, let go of when the room is lost or the view goes away.
    private readonly List<IDisposable> subscriptions = [];
    private ViewState state = ViewState.Loading;
    private RoomSummary? room;
    private string? userId;
    // What every part of the open room uses instead of re-checking access; revoked when an administrator takes it away.
    private RoomAccess? access;
    private RoomMessages messages = default!;
    private bool recheckWhenOpen;
    private bool sidePanelOpen;
    private MessageList? messageList;
    // The room's script, imported once (by whichever asks first: this view for the time zone, the list to scroll).
    private Task<IJSObjectReference>? module;
    private TimeZoneInfo viewerTimeZone = TimeZoneInfo.Utc;
    private bool timeZoneAsked;
    private Func<ElementReference, Task>? scrollListToEnd;

    [Parameter, EditorRequired]
    public string Slug { get; set; } = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        messages = new RoomMessages(chatOptions.Value.MaxMessagesInView);
        var ct = closing.Token;
        try
        {
            await OpenAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Opening room {Slug} failed", Slug);
            if (!ct.IsCancellationRequested)
            {
                Release();
                state = ViewState.Failed;
            }
            return;
        }
        if (recheckWhenOpen && state == ViewState.Open)
        {
            // The room changed, or the access ended, while the room was being opened.
            await (access is { IsRevoked: true } ? ShowAccessEndedAsync() : RefreshRoomAsync());
        }
    }

    private async Task OpenAsync(CancellationToken ct)
    {
        userId = (await AuthenticationState).User.GetUserId();
        if (userId is null)
        {
            state = ViewState.Denied;
            return;
        }
        var opened = await chat.OpenRoomAsync(userId, Slug, ct);
        if (ct.IsCancellationRequested)
        {
            // Gone while opening: nobody else will ever let this access go.
            opened.Value?.Dispose();
            return;
        }
        if (!opened.Succeeded)
        {
            state = ViewState.Unavailable;
            return;
        }
        access = opened.Value!;
        room = access.Room;
        rowActions = NewRowActions(access);
        var roomId = room.Id;

        // Losing the room is the access's revocation; this room's own changes (renamed, archived) are re-read.
        // After a gap on the room's events, the same: re-read it.
        access.Revoked.Register(() => _ = Live(ShowAccessEndedAsync));
        subscriptions.Add(events.Subscribe<RoomChange>(EventKey.Room(roomId), _ => Live(RefreshRoomAsync), () => Live(RefreshRoomAsync)));

        // Subscribe before reading history: a message saved in between arrives by one path or both, never by neither.
        var watch = chat.WatchRoom(access, message => Live(() => ShowNew(message)), changed => Live(() => ShowChanged(changed)));
        if (!watch.Succeeded)
        {
            Release();
            state = ViewState.Denied;
            return;
        }
        subscriptions.Add(watch.Value!);

        var history = await chat.GetHistoryAsync(access, ct: ct);
        if (ct.IsCancellationRequested)
        {
            return;
        }
        if (!history.Succeeded)
        {
            Release();
            state = ViewState.Denied;
            return;
        }
        messages.AddPage(history.Value!);
        await OpenAtFirstUnreadAsync(access, ct);
        // The list scrolls to the first unread message, or the newest, when it first shows.
        state = ViewState.Open;
    }

    /// <summary>Runs a live update on the renderer, unless the view is gone (a delivery may be on its way as it closes).</summary>
    private Task Live(Func<Task> update) => closing.IsCancellationRequested
        ? Task.CompletedTask
        : InvokeAsync(() => closing.IsCancellationRequested ? Task.CompletedTask : update());

    private Task ShowNew(MessageView message)
    {
        if (!messages.AddNew(message))
        {
            return Task.CompletedTask;
        }
        // Only the list changed: the rest of the room is not rendered again for a message.
        ShowArrived(message);
        return Task.CompletedTask;
    }

    /// <summary>For the list to scroll itself to its end (one delegate, not one per render).</summary>
    private Func<ElementReference, Task> ScrollListToEnd => scrollListToEnd ??= ScrollListToEndAsync;

    private async Task ScrollListToEndAsync(ElementReference list)
    {
        try
        {
            var scripts = await Module();
            await scripts.InvokeVoidAsync("scrollToEnd", list);
        }
        catch (Exception ex) when (BrowserCalls.TabIsGone(ex))
        {
            logger.LogDebug(ex, "Room {Slug}: the browser went away during a script call", Slug);
        }
    }

    /// <summary>The room's script; runs on the renderer's context only, so one import is shared without a lock.</summary>
    private Task<IJSObjectReference> Module() =>
        module ??= js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Rooms/RoomView.razor.js").AsTask();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Once the room shows: the time zone (scrolling is the list's, see MessageList.ScrollToEnd).
        if (state != ViewState.Open || timeZoneAsked)
        {
            return;
        }
        timeZoneAsked = true;
        try
        {
            var scripts = await Module();
            if (TimeZoneInfo.TryFindSystemTimeZoneById(await scripts.InvokeAsync<string?>("timeZone") ?? "", out var zone))
            {
                viewerTimeZone = zone;
                StateHasChanged();
            }
        }
        catch (Exception ex) when (BrowserCalls.TabIsGone(ex))
        {
            // The tab closed (or the circuit ended) while the browser was being asked something: nobody is left to ask.
            logger.LogDebug(ex, "Room {Slug}: the browser went away during a script call", Slug);
        }
    }

    /// <summary>
    /// The room is no longer shown here (lost, failed or left): lets go of its subscriptions and of the access, which
    /// ends this tab's typing and whatever else was bound to it.
    /// </summary>
    private void Release()
    {
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
        subscriptions.Clear();
        access?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        // Subscriptions first, so no new delivery starts; then whatever is still on its way finds the view closed.
        StopReading();
        Release();
        closing.Cancel();
        closing.Dispose();
        if (module is { IsCompletedSuccessfully: true })
        {
            try
            {
                await module.Result.DisposeAsync();
            }
            catch (Exception ex) when (BrowserCalls.TabIsGone(ex))
            {
                // The tab is gone; nothing left to free on its side.
            }
        }
    }
}
