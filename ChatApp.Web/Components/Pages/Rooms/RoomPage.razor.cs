using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
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
/// One room: its messages (live), who is in it, who is typing, and the box to write in. Opening, closing and the
/// browser side live here; what the person does (send, load older, typing) and live changes in RoomPage.Actions.cs.
/// </summary>
public sealed partial class RoomPage(
    ChatService chat,
    IEventBus events,
    RoomPresenceService roomPresence,
    TypingService typing,
    CircuitPresence circuit,
    ISnackbar snackbar,
    TimeProvider time,
    IJSRuntime js,
    CircuitNavigation navigation,
    IOptions<ChatOptions> chatOptions,
    ILogger<RoomPage> logger) : ComponentBase, IAsyncDisposable
{
    private enum PageState { Loading, Unavailable, Denied, Failed, Open }

    private const int MaxNotices = 100;

    private bool sidePanelOpen;
    private PageState state = PageState.Loading;
    private RoomSummary? room;
    private RoomMessages messages = default!;
    private bool loadingOlder;
    private bool sending;
    private string? error;
    private Guid? pendingClientId;
    private string? userId;
    private string? openedSlug;
    private IDisposable? subscription;
    private MessageList? messageList;
    private IJSObjectReference? module;
    private bool scrollToEnd;
    private TimeZoneInfo viewerTimeZone = TimeZoneInfo.Utc;
    private IDisposable? typingSubscription;
    private IDisposable? roomChanges;
    private IDisposable? accountChanges;
    private int generation;
    private IReadOnlyList<Typist> othersTyping = [];
    private readonly List<Notice> notices = [];
    private string? trackedConnection;

    [Parameter]
    public string Slug { get; set; } = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>
    /// The browser went away while a call into it was under way (tab closed, circuit ended): nothing to report, as
    /// nobody is there to see the result.
    /// </summary>
    internal static bool IsTabGone(Exception ex) =>
        ex is JSDisconnectedException or OperationCanceledException or ObjectDisposedException;

    protected override void OnInitialized() => messages = new RoomMessages(chatOptions.Value.MaxMessagesInView);

    protected override async Task OnParametersSetAsync()
    {
        if (Slug == openedSlug)
        {
            return;
        }
        openedSlug = Slug;
        var opening = generation + 1;
        try
        {
            await OpenAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Opening room {Slug} failed", Slug);
            if (opening == generation)
            {
                CloseRoom();
                state = PageState.Failed;
            }
        }
    }

    private async Task OpenAsync()
    {
        CloseRoom();
        // Every callback and every continuation below checks this: work for a room the page has left is dropped.
        var opening = generation;
        userId = (await AuthenticationState).User.GetUserId();
        if (userId is null)
        {
            state = PageState.Denied;
            return;
        }

        var opened = await chat.OpenRoomAsync(userId, Slug);
        if (opening != generation)
        {
            return;
        }
        if (!opened.Succeeded)
        {
            state = PageState.Unavailable;
            return;
        }
        room = opened.Value!;
        var roomId = room.Id;

        roomChanges = events.Subscribe<RoomChange>(EventKey.Room(roomId), _ => OnCurrent(opening, RecheckAccessAsync), () => OnCurrent(opening, RecheckAccessAsync));
        accountChanges = events.Subscribe<AccountChange>(EventKey.User(userId), _ => OnCurrent(opening, RecheckAccessAsync), () => OnCurrent(opening, RecheckAccessAsync));
        circuit.Resumed += EnterPresence;

        // Subscribe before reading history: a message saved in between arrives by one path or both, never by neither.
        var watch = await chat.WatchRoomAsync(userId, roomId, message => OnCurrent(opening, () =>
        {
            if (messages.AddNew(message))
            {
                scrollToEnd = true;
                StateHasChanged();
            }
            return Task.CompletedTask;
        }));
        if (opening != generation || !watch.Succeeded)
        {
            watch.Value?.Dispose();
            if (opening == generation)
            {
                CloseRoom();
                state = PageState.Unavailable;
            }
            return;
        }
        subscription = watch.Value;

        await EnterPresenceAsync();
        var typed = await typing.SubscribeAsync(userId, roomId, typists => OnCurrent(opening, () =>
        {
            othersTyping = typists.Where(t => t.UserId != userId).ToList();
            StateHasChanged();
            return Task.CompletedTask;
        }));
        if (opening != generation)
        {
            // The page left this room while subscribing: nobody else will dispose it.
            typed.Value?.Dispose();
            return;
        }
        typingSubscription = typed.Value;

        var history = await chat.GetHistoryAsync(userId, roomId);
        if (opening != generation)
        {
            return;
        }
        if (!history.Succeeded)
        {
            CloseRoom();
            state = PageState.Denied;
            return;
        }
        messages.AddPage(history.Value!);
        state = PageState.Open;
        scrollToEnd = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (state != PageState.Open)
        {
            return;
        }
        try
        {
            var firstTime = module is null;
            module ??= await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Rooms/RoomPage.razor.js");
            if (firstTime && TimeZoneInfo.TryFindSystemTimeZoneById(await module.InvokeAsync<string?>("timeZone") ?? "", out var zone))
            {
                viewerTimeZone = zone;
                StateHasChanged();
            }
            if (scrollToEnd && messageList is not null)
            {
                scrollToEnd = false;
                await module.InvokeVoidAsync("scrollToEnd", messageList.Element);
            }
        }
        catch (Exception ex) when (IsTabGone(ex))
        {
            // The tab closed (or the circuit ended) while the browser was being asked something: nobody is left to ask.
            logger.LogDebug(ex, "Room {Slug}: the browser went away during a script call", Slug);
        }
    }

    /// <summary>Runs a live update on the renderer, unless the page has moved on from the room it was meant for.</summary>
    private Task OnCurrent(int opening, Func<Task> update) =>
        InvokeAsync(() => opening == generation ? update() : Task.CompletedTask);

    private void CloseRoom()
    {
        generation++;
        circuit.Resumed -= EnterPresence;
        subscription?.Dispose();
        subscription = null;
        roomChanges?.Dispose();
        roomChanges = null;
        accountChanges?.Dispose();
        accountChanges = null;
        typingSubscription?.Dispose();
        typingSubscription = null;
        if (room is not null && userId is not null)
        {
            typing.StopTyping(userId, room.Id);
            if (trackedConnection is not null)
            {
                roomPresence.Leave(userId, room.Id, trackedConnection);
            }
        }
        trackedConnection = null;
        othersTyping = [];
        notices.Clear();
        pendingClientId = null;
        room = null;
        messages.Clear();
        error = null;
        state = PageState.Loading;
    }

    public async ValueTask DisposeAsync()
    {
        CloseRoom();
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (Exception ex) when (IsTabGone(ex))
            {
                // The tab is gone; nothing left to free on its side.
            }
        }
    }

    private sealed record Notice(Guid Id, string DisplayName, string Kind, DateTimeOffset At);
}
