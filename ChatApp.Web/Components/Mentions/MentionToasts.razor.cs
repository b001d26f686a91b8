using ChatApp.Core.Chat.Content;
using ChatApp.Core.Events;
using ChatApp.Web.Components.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ChatApp.Web.Components.Mentions;

/// <summary>
/// Toasts for the user's mentions (<see cref="MentionNotice"/> on their own key), live in every tab of theirs that
/// is elsewhere in the app: a tab showing the room already shows the message highlighted.
/// </summary>
public sealed partial class MentionToasts(IEventBus bus, NavigationManager navigation, TimeProvider time) : ComponentBase, IDisposable
{
    private static readonly TimeSpan ShownFor = TimeSpan.FromSeconds(10);
    private readonly List<Toast> toasts = [];
    private IDisposable? subscription;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null && (await AuthenticationState).User.GetUserId() is { } userId)
        {
            subscription = bus.Subscribe<MentionNotice>(EventKey.User(userId), notice => InvokeAsync(() => Show(notice)));
        }
    }

    private async Task Show(MentionNotice notice)
    {
        if (ShowsRoom(notice.RoomSlug))
        {
            return;
        }
        var toast = new Toast(Guid.NewGuid(), notice);
        toasts.Add(toast);
        StateHasChanged();
        await Task.Delay(ShownFor, time);
        toasts.Remove(toast);
        StateHasChanged();
    }

    private bool ShowsRoom(string slug)
    {
        var path = navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0].TrimEnd('/');
        return string.Equals(Uri.UnescapeDataString(path), $"rooms/{slug}", StringComparison.OrdinalIgnoreCase);
    }

    private void Dismiss(Toast toast) => toasts.Remove(toast);

    public void Dispose() => subscription?.Dispose();

    private sealed record Toast(Guid Id, MentionNotice Notice);
}
