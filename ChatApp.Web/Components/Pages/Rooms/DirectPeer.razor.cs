using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Direct;
using ChatApp.Core.Presence;
using ChatApp.Web.Components.Presence;
using ChatApp.Web.Presence;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>The other person of a direct conversation, by their current name, and whether they are here right now.</summary>
public sealed partial class DirectPeer(DirectMessages direct, SitePresence site, ILogger<DirectPeer> logger) : ComponentBase, IDisposable
{
    private DirectConversation? peer;
    private string status = PresenceText.Offline;
    private IDisposable? watch;
    private bool disposed;

    /// <summary>The viewer's access to the conversation (who they are, which room).</summary>
    [Parameter, EditorRequired]
    public RoomAccess Access { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            peer = await direct.FindAsync(Access.UserId, Access.RoomId, Access.Revoked);
        }
        catch (OperationCanceledException) when (Access.IsRevoked)
        {
            return;
        }
        if (peer is null || disposed)
        {
            logger.LogDebug("Room {RoomId} is no direct conversation of {UserId}", Access.RoomId, Access.UserId);
            return;
        }
        watch = site.WatchUser(peer.PeerId, OnChanged);
        status = StatusOf(site.Find(peer.PeerId));
    }

    private static string StatusOf(PresenceUser? user) => user is null ? PresenceText.Offline : PresenceText.Attribute(user.Status);

    private void OnChanged(PresenceUser? user) => _ = InvokeAsync(() =>
    {
        if (disposed)
        {
            return;
        }
        status = StatusOf(user);
        StateHasChanged();
    });

    public void Dispose()
    {
        disposed = true;
        watch?.Dispose();
    }
}
