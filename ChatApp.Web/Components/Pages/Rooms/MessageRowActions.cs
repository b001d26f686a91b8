using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// One tab's edit and delete actions, on the rows its viewer may act on (their own messages; every message for an
/// administrator), and the row being edited or about to be deleted. Such a row's element is written as frames so the
/// actions sit inside it, around the row's shared body markup (MessageRow.Body); every other row stays a keyed element
/// around the shared markup, with nothing per tab. The rules are Core's (<see cref="MessagePermissions"/>, mirrored
/// here to show the actions; the writes check again).
/// </summary>
public sealed class MessageRowActions(ChatService chat, RoomAccess access, Func<bool> roomArchived, Action<MessageView> changed, ILogger logger)
{
    private const string TextButton = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple";
    private const string DangerButton = "mud-button-root mud-button mud-button-text mud-button-text-error mud-button-text-size-small mud-ripple";

    private readonly MessagePermissions permissions = chat.PermissionsFor(access);
    // At most one row is being edited or confirmed, and one shows an error: the tab's whole state.
    private long? editing;
    private string editText = "";
    private long? confirmingDelete;
    private (long Seq, string Message)? error;
    private bool busy;
    // On the renderer's context only, as every field here.
    private readonly Dictionary<long, RowHandlers> handlers = [];
    private const int MaxRowHandlers = 1000;

    /// <summary>Whether the row needs frames of this tab's own (actions, the edit box, a question or an error).</summary>
    public bool Applies(MessageView message) =>
        editing == message.Seq || confirmingDelete == message.Seq || error?.Seq == message.Seq || permissions.MayAct(message, roomArchived());

    /// <summary>A message changed under the tab (edited elsewhere, deleted): an edit box or question about a deleted one goes.</summary>
    public void Changed(MessageView message)
    {
        if (message.Deleted && (editing == message.Seq || confirmingDelete == message.Seq))
        {
            (editing, confirmingDelete) = (null, null);
        }
    }

    /// <summary>The row's element with the viewer's actions inside; <paramref name="receiver"/> renders again after each.</summary>
    public void Render(RenderTreeBuilder builder, MessageView message, MessageRow row, TimeZoneInfo zone, string status, MentionNames names, IHandleEvent receiver)
    {
        builder.OpenElement(10, "div");
        builder.AddMultipleAttributes(11, row.Attributes(access.UserId));
        if (editing == message.Seq)
        {
            builder.OpenComponent<MessageEditor>(12);
            builder.AddComponentParameter(13, nameof(MessageEditor.Text), editText);
            builder.AddComponentParameter(14, nameof(MessageEditor.TextChanged), (Action<string>)(text => editText = text));
            builder.AddComponentParameter(15, nameof(MessageEditor.Save), On(receiver, message.Seq).Save);
            builder.AddComponentParameter(16, nameof(MessageEditor.Cancel), EventCallback.Factory.Create(receiver, CancelEdit));
            builder.AddComponentParameter(17, nameof(MessageEditor.Error), error?.Seq == message.Seq ? error.Value.Message : null);
            builder.AddComponentParameter(18, nameof(MessageEditor.Busy), busy);
            builder.CloseComponent();
            builder.CloseElement();
            return;
        }
        builder.AddMarkupContent(20, row.Body(zone, status, access.UserId, names).Value);
        builder.OpenElement(21, "div");
        builder.AddAttribute(22, "class", "message-actions");
        if (confirmingDelete == message.Seq)
        {
            builder.AddMarkupContent(23, "<span class=\"message-confirm\">Delete this message for everyone?</span>");
            builder.AddContent(24, Button(DangerButton, "confirm-button", "Delete", On(receiver, message.Seq).Delete));
            builder.AddContent(25, Button(TextButton, "cancel-button", "Cancel", On(receiver, message.Seq).KeepIt));
        }
        else
        {
            if (permissions.MayEdit(message, roomArchived()))
            {
                builder.AddContent(26, Button(TextButton, "message-edit", "Edit", On(receiver, message.Seq).Edit));
            }
            if (permissions.MayDelete(message))
            {
                builder.AddContent(27, Button(TextButton, "message-delete", "Delete", On(receiver, message.Seq).AskToDelete));
            }
        }
        builder.CloseElement();
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

    /// <summary>
    /// The row's handlers, made once per row: a handler made afresh on each render is a new delegate, which the diff
    /// sends to the browser again (a new event handler id) for every button of every such row whenever the list is
    /// drawn, that is on every message arriving in the room.
    /// </summary>
    private RowHandlers On(IHandleEvent receiver, long seq)
    {
        if (handlers.TryGetValue(seq, out var made))
        {
            return made;
        }
        if (handlers.Count >= MaxRowHandlers)
        {
            // Rows scrolled out of what a tab keeps; those still shown are made again once.
            handlers.Clear();
        }
        return handlers[seq] = new RowHandlers(
            EventCallback.Factory.Create(receiver, () => BeginEditAsync(seq)),
            EventCallback.Factory.Create(receiver, () => AskToDelete(seq)),
            EventCallback.Factory.Create(receiver, () => DeleteAsync(seq)),
            EventCallback.Factory.Create(receiver, () => confirmingDelete = null),
            EventCallback.Factory.Create(receiver, () => SaveAsync(seq)));
    }

    private sealed record RowHandlers(EventCallback Edit, EventCallback AskToDelete, EventCallback Delete, EventCallback KeepIt, EventCallback Save);

    private static RenderFragment Button(string css, string testId, string label, EventCallback onClick) => builder =>
    {
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "type", "button");
        builder.AddAttribute(2, "class", css);
        builder.AddAttribute(3, "data-testid", testId);
        builder.AddAttribute(4, "onclick", onClick);
        builder.OpenElement(5, "span");
        builder.AddAttribute(6, "class", "mud-button-label");
        builder.AddContent(7, label);
        builder.CloseElement();
        builder.CloseElement();
    };

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

    private async Task SaveAsync(long seq)
    {
        if (busy)
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

    private void AskToDelete(long seq) => (confirmingDelete, editing, error) = (seq, null, null);

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
