using ChatApp.Core.Chat.Direct;
using ChatApp.Core.Events;
using ChatApp.Web.Circuits;
using ChatApp.Web.Rooms;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Layout;

/// <summary>
/// The signed-in user's direct conversations, loaded once and again when one starts (someone wrote to them, or they
/// started one in another tab: <see cref="DirectConversationStarted"/> on their user key) or after a gap in events.
/// </summary>
public sealed partial class DirectMessageLinks(
    DirectMessages direct, IEventBus events, CircuitState circuit, UnreadBadges badges, ILogger<DirectMessageLinks> logger)
    : ComponentBase, IDisposable
{
    private const string Link = "mud-nav-link mud-ripple";
    private const string ActiveLink = "mud-nav-link mud-ripple active";
    private readonly CancellationTokenSource closing = new();
    // One load at a time: a burst of starts ends with the last one's answer.
    private readonly SemaphoreSlim loading = new(1, 1);
    private IReadOnlyList<DirectConversation> conversations = [];
    private IDisposable? started;

    /// <summary>The current page, relative to the base address without query (as RoomNav keeps it).</summary>
    [Parameter]
    public string Path { get; set; } = "";

    protected override async Task OnInitializedAsync()
    {
        if (circuit.User is not { } user)
        {
            return;
        }
        badges.Changed += OnBadgesChanged;
        // Subscribed before the first load: a conversation started in between is in the load or causes another.
        started = events.Subscribe<DirectConversationStarted>(EventKey.User(user.UserId), _ => ReloadAsync(), ReloadAsync);
        await LoadAsync(user.UserId);
    }

    private async Task ReloadAsync()
    {
        if (circuit.User is not { } user || closing.IsCancellationRequested)
        {
            return;
        }
        try
        {
            await LoadAsync(user.UserId);
            await InvokeAsync(StateHasChanged);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && closing.IsCancellationRequested)
        {
            // The drawer went away while it reloaded.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reloading the direct conversations of {UserId} failed", user.UserId);
        }
    }

    private async Task LoadAsync(string userId)
    {
        await loading.WaitAsync(closing.Token);
        try
        {
            conversations = await direct.ListAsync(userId, closing.Token);
        }
        finally
        {
            loading.Release();
        }
    }

    // As RoomNav's: the link's page or a page under it.
    private bool IsCurrent(string href) =>
        Path.Equals(href, StringComparison.OrdinalIgnoreCase)
        || (Path.Length > href.Length && Path[href.Length] == '/' && Path.StartsWith(href, StringComparison.OrdinalIgnoreCase));

    private UnreadBadges Badges => badges;

    private void OnBadgesChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        badges.Changed -= OnBadgesChanged;
        started?.Dispose();
        closing.Cancel();
        closing.Dispose();
    }
}
