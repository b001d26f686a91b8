using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// One tab's edit and delete actions on the rows its viewer may act on (their own messages; every message for an
/// administrator). The buttons are part of the rows' shared markup (<see cref="MessageActionButtons"/>) and reach
/// <see cref="OnActionAsync"/> through the list's one handler; only the row being edited, asked about or showing an
/// error is written as frames of this tab's own. The rules are Core's (<see cref="MessagePermissions"/>, mirrored here
/// to show the actions; the writes check again).
/// </summary>
public sealed class MessageRowActions(ChatService chat, RoomAccess access, Func<bool> roomArchived, Action<MessageView> changed, ILogger logger)
{
    private readonly MessagePermissions permissions = chat.PermissionsFor(access);
    // At most one row is being edited or confirmed, and one shows an error: the tab's whole state.
    private long? editing;
    private string editText = "";
    private long? confirmingDelete;
    private (long Seq, string Message)? error;
    private bool busy;
    // The edit box's callbacks, made once (a new delegate per render would be sent to the browser again each time).
    private EventCallback save, cancel;
    private Action<string>? textChanged;

    /// <summary>The buttons the viewer has on the row.</summary>
    public RowActions For(MessageView message)
    {
        var archived = roomArchived();
        if (!permissions.MayAct(message, archived))
        {
            return RowActions.None;
        }
        return (permissions.MayEdit(message, archived) ? RowActions.Edit : RowActions.None)
            | (permissions.MayDelete(message) ? RowActions.Delete : RowActions.None);
    }

    /// <summary>Whether the row is in a state of this tab's own (edited, asked about, showing an error): written as frames.</summary>
    public bool HasOwnState(MessageView message) =>
        editing == message.Seq || confirmingDelete == message.Seq || error?.Seq == message.Seq;

    /// <summary>A message changed under the tab (edited elsewhere, deleted): an edit box or question about a deleted one goes.</summary>
    public void Changed(MessageView message)
    {
        if (message.Deleted && (editing == message.Seq || confirmingDelete == message.Seq))
        {
            (editing, confirmingDelete) = (null, null);
        }
    }

    /// <summary>
    /// A button of a row was clicked (as the browser reports it: untrusted). Unknown actions and numbers do nothing;
    /// a deletion happens only as the answer to this tab's own question about that row.
    /// </summary>
    public Task OnActionAsync(MessageActionEventArgs click)
    {
        if (!long.TryParse(click.Seq, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq))
        {
            return Task.CompletedTask;
        }
        switch (click.Action)
        {
            case MessageActionButtons.Edit:
                return BeginEditAsync(seq);
            case MessageActionButtons.Delete:
                (confirmingDelete, editing, error) = (seq, null, null);
                break;
            case MessageActionButtons.ConfirmDelete when confirmingDelete == seq:
                return DeleteAsync(seq);
            case MessageActionButtons.KeepMessage when confirmingDelete == seq:
                confirmingDelete = null;
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>The row in a state of this tab's own, as frames; <paramref name="receiver"/> renders again after the edit box's events.</summary>
    public void Render(RenderTreeBuilder builder, MessageView message, MessageRow row, TimeZoneInfo zone, string status, MentionNames names, IHandleEvent receiver)
    {
        builder.OpenElement(10, "div");
        builder.AddMultipleAttributes(11, row.Attributes(access.UserId));
        if (editing == message.Seq)
        {
            if (textChanged is null)
            {
                textChanged = text => editText = text;
                save = EventCallback.Factory.Create(receiver, SaveAsync);
                cancel = EventCallback.Factory.Create(receiver, CancelEdit);
            }
            builder.OpenComponent<MessageEditor>(12);
            builder.AddComponentParameter(13, nameof(MessageEditor.Text), editText);
            builder.AddComponentParameter(14, nameof(MessageEditor.TextChanged), textChanged);
            builder.AddComponentParameter(15, nameof(MessageEditor.Save), save);
            builder.AddComponentParameter(16, nameof(MessageEditor.Cancel), cancel);
            builder.AddComponentParameter(17, nameof(MessageEditor.Error), error?.Seq == message.Seq ? error.Value.Message : null);
            builder.AddComponentParameter(18, nameof(MessageEditor.Busy), busy);
            builder.CloseComponent();
            builder.CloseElement();
            return;
        }
        builder.AddMarkupContent(20, row.Body(zone, status, access.UserId, names).Value);
        builder.AddMarkupContent(21, confirmingDelete == message.Seq ? MessageActionButtons.DeleteQuestion : MessageActionButtons.Markup(For(message)));
        if (error is { } shown && shown.Seq == message.Seq)
        {
            builder.OpenElement(28, "div");
            builder.AddAttribute(29, "class", "message-error");
            builder.AddAttribute(30, "role", "alert");
            builder.AddAttribute(31, "data-testid", "error-message");
            builder.AddContent(32, shown.Message);
            builder.CloseElement();
        }
        builder.CloseElement();
    }

    private async Task BeginEditAsync(long seq)
    {
        (confirmingDelete, error) = (null, null);
        var text = await Run(seq, () => chat.TextForEditingAsync(access.UserId, access.RoomId, seq));
        if (text is not null)
        {
            (editing, editText) = (seq, text);
        }
    }

    private void CancelEdit() => (editing, error) = (null, null);

    private async Task SaveAsync()
    {
        if (busy || editing is not { } seq)
        {
            return;
        }
        busy = true;
        try
        {
            // On a refusal the box stays open with the text as typed: nothing is lost.
            if (await Run(seq, () => chat.EditAsync(access.UserId, access.RoomId, seq, editText)) is { } saved)
            {
                editing = null;
                changed(saved);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DeleteAsync(long seq)
    {
        confirmingDelete = null;
        if (await Run(seq, () => chat.DeleteAsync(access.UserId, access.RoomId, seq)) is { } deleted)
        {
            changed(deleted);
        }
    }

    /// <summary>Runs one write; its refusal (or failure) is shown on the row, and null returned.</summary>
    private async Task<T?> Run<T>(long seq, Func<Task<ChatResult<T>>> write) where T : class
    {
        error = null;
        try
        {
            var result = await write();
            if (result.Succeeded)
            {
                return result.Value;
            }
            error = (seq, result.Error!.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Changing message {Seq} in room {RoomId} failed", seq, access.RoomId);
            error = (seq, "That did not work just now. Try again.");
        }
        return null;
    }
}
