using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;
using ChatApp.Web.Components.Presence;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ChatApp.Web.Components.Pages.Rooms;

public sealed partial class MessageList
{
    private ElementReference element;
    // The list is the one place that scrolls to the newest message: when it first shows (the room opened) and
    // whenever the room asks it to (ShowNewest: one's own send, a message arriving live).
    private bool scrollPending = true;

    [Parameter, EditorRequired]
    public RoomMessages Messages { get; set; } = default!;

    [Parameter]
    public bool LoadingOlder { get; set; }

    [Parameter]
    public EventCallback LoadOlder { get; set; }

    /// <summary>The viewer's own zone, which only their browser knows.</summary>
    [Parameter]
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>The viewer's edit and delete actions, on the rows they may act on (none when null).</summary>
    [Parameter]
    public MessageRowActions? Actions { get; set; }

    /// <summary>Who is reading: the rows that mention them are highlighted.</summary>
    [Parameter]
    public string? ViewerId { get; set; }

    [Inject]
    private MentionNames Names { get; set; } = default!;

    /// <summary>The browser call that scrolls the list to its end (the room's script), made after the list rendered.</summary>
    [Parameter]
    public Func<ElementReference, Task>? ScrollToEnd { get; set; }

    /// <summary>
    /// A message was added at the end (one's own, or someone else's arriving live): renders this list alone and
    /// scrolls it to the end. Re-rendering the whole room for it redrew the header, composer, online list and activity
    /// of every tab, none of which changed.
    /// </summary>
    public void ShowNewest()
    {
        scrollPending = true;
        StateHasChanged();
    }

    /// <summary>A row's action button was clicked (the one handler for all of them: see MessageActionButtons).</summary>
    private Task OnMessageAction(MessageActionEventArgs click) => Actions?.OnActionAsync(click) ?? Task.CompletedTask;

    /// <summary>A message held changed in place (edited, deleted): renders this list alone, without scrolling.</summary>
    public void ShowChanged() => StateHasChanged();

    /// <summary>
    /// The rows, written here rather than in the .razor file: there every element gets the scoped-CSS attribute, a
    /// frame per row. A row is two frames (its keyed element and the shared markup inside), so the 50 rows of a
    /// room's first page fit a tab's render buffer of 128 frames where eight frames a row needed 512, twice per tab
    /// (current and previous buffer). The key keeps an insert at either end (new message, older page) one edit.
    /// </summary>
    private RenderFragment RenderRows(LiveStatuses statuses) => builder =>
    {
        foreach (var message in Messages.Items)
        {
            if (message.Seq == DividerBeforeSeq)
            {
                RenderDivider(builder);
            }
            var row = MessageRow.Of(message);
            builder.OpenElement(0, "div");
            builder.SetKey(row);
            if (Actions is { } actions && actions.HasOwnState(message))
            {
                // The one row this tab is editing or asking about gets frames of its own (see MessageRowActions).
                actions.Render(builder, message, row, TimeZone, statuses.Of(message.AuthorId), Names, this);
            }
            else
            {
                var buttons = Actions?.For(message) ?? RowActions.None;
                builder.AddMarkupContent(1, row.Html(TimeZone, statuses.Of(message.AuthorId), ViewerId, Names, buttons).Value);
            }
            builder.CloseElement();
        }
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (scrollPending && ScrollToEnd is not null)
        {
            scrollPending = false;
            await ScrollAsync();
        }
    }
}
