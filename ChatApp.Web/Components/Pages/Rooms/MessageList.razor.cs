using ChatApp.Core.Chat;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Pages.Rooms;

public sealed partial class MessageList
{
    private ElementReference element;
    private bool scrollPending;

    [Parameter, EditorRequired]
    public RoomMessages Messages { get; set; } = default!;

    [Parameter]
    public bool LoadingOlder { get; set; }

    [Parameter]
    public EventCallback LoadOlder { get; set; }

    /// <summary>The viewer's own zone, which only their browser knows.</summary>
    [Parameter]
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Asks the browser to scroll the list to its end (after <see cref="ShowNewest"/>).</summary>
    [Parameter]
    public Func<ElementReference, Task>? ScrollToEnd { get; set; }

    /// <summary>The scrolling container, for the page to keep the newest message in view.</summary>
    public ElementReference Element => element;

    /// <summary>
    /// A message arrived: renders this list alone and scrolls it to the end. Re-rendering the whole room for it
    /// redrew the header, composer, online list and activity of every tab, none of which changed.
    /// </summary>
    public void ShowNewest()
    {
        scrollPending = true;
        StateHasChanged();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (scrollPending && ScrollToEnd is not null)
        {
            scrollPending = false;
            await ScrollToEnd(element);
        }
    }
}
