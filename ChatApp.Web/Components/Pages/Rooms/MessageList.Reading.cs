using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.JSInterop;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// Where the reader is: the list opens at the "new messages" divider (or at its end), keeps itself pinned to the end
/// for new messages only while the reader is there, and otherwise offers "jump to latest" with the number of messages
/// that arrived below. The browser tells it (RoomView.razor.js, watchReading) when the reader reaches or leaves the
/// end, or the tab is hidden or shown again.
/// </summary>
public sealed partial class MessageList : IAsyncDisposable
{
    private DotNetObjectReference<MessageList>? readingListener;
    private bool atEnd = true;
    private bool tabVisible = true;
    private int newBelow;

    /// <summary>The number of the first message that was unread when the room opened: the divider goes just before it.</summary>
    [Parameter]
    public long? DividerBeforeSeq { get; set; }

    /// <summary>The room's script (RoomView.razor.js), for the calls beyond scrolling to the end.</summary>
    [Parameter]
    public Func<Task<IJSObjectReference>>? Scripts { get; set; }

    /// <summary>
    /// Told whether the reader has caught up (at the end of the list, with the tab in view) each time that changes,
    /// and when they jump to the latest message. Not an EventCallback: the room is not rendered again for it.
    /// </summary>
    [Parameter]
    public Action<bool>? CaughtUpChanged { get; set; }

    /// <summary>
    /// A message arrived live: shown at the end if the reader is there, else counted on "jump to latest". A reader at the
    /// end stays there by the browser's own doing (watchReading keeps a list that was at its end there when rows are
    /// added): a call to scroll, per message and tab, was a round trip for each of a room's tabs on every message.
    /// </summary>
    public void ShowArrived()
    {
        if (!atEnd)
        {
            newBelow++;
        }
        else if (readingListener is null)
        {
            // The browser does not report yet (the first render is on its way): scroll as before.
            scrollPending = true;
        }
        StateHasChanged();
    }

    [JSInvokable]
    public Task ReadingChanged(bool readerAtEnd, bool visible) => InvokeAsync(() =>
    {
        (atEnd, tabVisible) = (readerAtEnd, visible);
        if (atEnd && newBelow > 0)
        {
            newBelow = 0;
            StateHasChanged();
        }
        CaughtUpChanged?.Invoke(atEnd && tabVisible);
    });

    private void JumpToLatest()
    {
        newBelow = 0;
        atEnd = true;
        scrollPending = true;
        CaughtUpChanged?.Invoke(tabVisible);
    }

    private void RenderDivider(RenderTreeBuilder builder)
    {
        builder.OpenElement(2, "div");
        builder.SetKey("new-messages-divider");
        builder.AddAttribute(3, "class", "new-messages-divider");
        builder.AddAttribute(4, "data-testid", "new-messages-divider");
        builder.AddAttribute(5, "role", "separator");
        builder.AddMarkupContent(6, "<span>New messages</span>");
        builder.CloseElement();
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first time: to the divider if there is one, and from then on the browser reports where the reader is.</summary>
    private async Task ScrollAsync()
    {
        var first = readingListener is null;
        if (first && DividerBeforeSeq is not null && Scripts is not null)
        {
            await CallAsync("scrollToDivider");
        }
        else if (ScrollToEnd is not null)
        {
            await ScrollToEnd(element);
        }
        if (first && Scripts is not null)
        {
            readingListener = DotNetObjectReference.Create(this);
            await CallAsync("watchReading", readingListener);
        }
    }

    private async Task CallAsync(string function, object? argument = null)
    {
        try
        {
            var scripts = await Scripts!();
            await (argument is null ? scripts.InvokeVoidAsync(function, element) : scripts.InvokeVoidAsync(function, element, argument));
        }
        catch (Exception ex) when (BrowserCalls.TabIsGone(ex))
        {
            // The tab closed meanwhile: nobody is left to scroll for.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (readingListener is not null && Scripts is not null)
        {
            await CallAsync("stopWatchingReading");
        }
        readingListener?.Dispose();
    }
}
