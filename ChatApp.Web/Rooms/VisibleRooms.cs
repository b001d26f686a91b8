using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Web.Circuits;

namespace ChatApp.Web.Rooms;

/// <summary>
/// Per circuit: the rooms this user may open and whether they administer, loaded once and reloaded when any room
/// or their own account changes. The drawer and the rooms page share it.
/// </summary>
public sealed class VisibleRooms(ChatService chat, AdminService admin, ChatEventBus events, CircuitState circuit) : IDisposable
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private IDisposable? roomChanges;
    private IDisposable? accountChanges;
    private Task? loaded;

    public IReadOnlyList<RoomSummary> Rooms { get; private set; } = [];

    public bool IsAdmin { get; private set; }

    /// <summary>Raised after a reload, on a background thread: marshal with InvokeAsync.</summary>
    public event Action? Changed;

    public Task EnsureLoadedAsync()
    {
        if (circuit.User is not { } user)
        {
            return Task.CompletedTask;
        }
        // Off the publisher's thread: an admin's click must not wait for every open tab to query its rooms.
        roomChanges ??= events.RoomChanges.Subscribe(change => Concerns(change, user.UserId) ? Task.Run(ReloadAsync) : Task.CompletedTask);
        accountChanges ??= events.AccountChanges.Subscribe(change => change.UserId == user.UserId && change.Kind != AccountChangeKind.WatchListChanged ? Task.Run(ReloadAsync) : Task.CompletedTask);
        return loaded ??= LoadAsync(user.UserId);
    }

    /// <summary>Someone else joining or leaving a private room changes nothing in this user's list.</summary>
    private static bool Concerns(RoomChange change, string userId) =>
        change.Kind is not (RoomChangeKind.MemberAdded or RoomChangeKind.MemberRemoved) || change.UserId == userId;

    private async Task ReloadAsync()
    {
        if (circuit.User is { } user)
        {
            await LoadAsync(user.UserId);
            Changed?.Invoke();
        }
    }

    // Room changes can come in bursts; one reload at a time keeps the last one's answer.
    private async Task LoadAsync(string userId)
    {
        await loading.WaitAsync();
        try
        {
            Rooms = await chat.ListRoomsAsync(userId);
            IsAdmin = await admin.IsAdminAsync(userId);
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose()
    {
        roomChanges?.Dispose();
        accountChanges?.Dispose();
        loading.Dispose();
    }
}
