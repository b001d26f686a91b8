using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Web.Circuits;

namespace ChatApp.Web.Rooms;

/// <summary>
/// Per circuit: the rooms this user may open and whether they administer, loaded once and reloaded when any room
/// or their own account changes. The drawer and the rooms page share it.
/// </summary>
public sealed class VisibleRooms(ChatService chat, AccountAdministration admin, IEventBus events, CircuitState circuit) : IDisposable
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private IDisposable? siteChanges;
    private IDisposable? membershipChanges;
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
        // Rooms created, edited or deleted come on the site key; this user's memberships and account on theirs.
        // Someone else joining or leaving a private room changes nothing here, and never arrives.
        siteChanges ??= events.Subscribe<RoomChange>(EventKey.Site, _ => ReloadInBackground(), ReloadInBackground);
        membershipChanges ??= events.Subscribe<RoomChange>(EventKey.User(user.UserId), _ => ReloadInBackground(), ReloadInBackground);
        accountChanges ??= events.Subscribe<AccountChange>(EventKey.User(user.UserId), _ => ReloadInBackground(), ReloadInBackground);
        return loaded ??= LoadAsync(user.UserId);
    }

    // Off the publisher's thread: an admin's click must not wait for every open tab to query its rooms.
    private Task ReloadInBackground() => Task.Run(ReloadAsync);

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
        siteChanges?.Dispose();
        membershipChanges?.Dispose();
        accountChanges?.Dispose();
        loading.Dispose();
    }
}
