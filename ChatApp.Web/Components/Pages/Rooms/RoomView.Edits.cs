using ChatApp.Core.Chat;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>Edited and deleted messages: the viewer's own changes and everyone else's, shown in place.</summary>
public sealed partial class RoomView
{
    private MessageRowActions? rowActions;

    private MessageRowActions NewRowActions(RoomAccess opened) =>
        new(chat, opened, () => room?.IsArchived == true, changed => ShowChanged(changed), logger);

    /// <summary>
    /// A message changed (here, in another tab, by someone else): the newer version replaces the one shown. Only the
    /// list renders again.
    /// </summary>
    private Task ShowChanged(MessageView changed)
    {
        rowActions?.Changed(changed);
        if (messages.Change(changed))
        {
            messageList?.ShowChanged();
        }
        return Task.CompletedTask;
    }
}
