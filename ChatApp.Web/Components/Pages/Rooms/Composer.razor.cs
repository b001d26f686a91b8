using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Content;
using ChatApp.Core.Typing;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using ChatApp.Web.Components.Layout;
using Microsoft.JSInterop;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// The message box and its send button. The text reaches the server when it is sent (or the box loses focus), not on
/// every keystroke: a pasted megabyte never travels, and typing costs one small signal per throttle interval.
/// </summary>
public sealed partial class Composer(
    IOptions<ChatOptions> chatOptions,
    IOptions<TypingOptions> typingOptions,
    TimeProvider time,
    IJSRuntime js,
    MentionSuggestions mentions) : ComponentBase, IAsyncDisposable
{
    private const string SendButton = PlainButton.FilledPrimary + " ml-2";
    private const string SendButtonDisabled = PlainButton.FilledPrimaryDisabled + " ml-2";
    private ElementReference box;
    private string draft = "";
    private bool atLimit;
    private DateTimeOffset? lastTypingSignal;
    private IJSObjectReference? module;
    private DotNetObjectReference<Composer>? self;

    [Parameter, EditorRequired]
    public string Placeholder { get; set; } = "";

    [Parameter]
    public bool Sending { get; set; }

    /// <summary>Sends the text; true when it was taken, so the box empties.</summary>
    [Parameter, EditorRequired]
    public Func<string, Task<bool>> Send { get; set; } = default!;

    /// <summary>True while the person types (at most once per <see cref="TypingOptions.Throttle"/>), false when the box empties.</summary>
    [Parameter]
    public Func<bool, Task>? TypingChanged { get; set; }

    private int MaxLength => chatOptions.Value.MaxMessageLength;

    private void OnChange(ChangeEventArgs e)
    {
        draft = e.Value as string ?? "";
        atLimit = draft.Length >= MaxLength;
    }

    private async Task SendAsync()
    {
        if (Sending)
        {
            return;
        }
        if (await Send(draft))
        {
            draft = "";
            atLimit = false;
            lastTypingSignal = null;
        }
    }

    /// <summary>
    /// The browser reports the box's length, never its text: when it empties, fills up to the maximum or leaves it,
    /// and otherwise at most once per throttle interval while the person types. Checked again here, because a
    /// client's own throttle is only a courtesy.
    /// </summary>
    [JSInvokable]
    public async Task OnDraftInput(int length)
    {
        var full = length >= MaxLength;
        if (full != atLimit)
        {
            atLimit = full;
            StateHasChanged();
        }
        if (length <= 0)
        {
            lastTypingSignal = null;
            await (TypingChanged?.Invoke(false) ?? Task.CompletedTask);
            return;
        }
        var now = time.GetUtcNow();
        if (lastTypingSignal is { } last && now - last < typingOptions.Value.Throttle)
        {
            return;
        }
        lastTypingSignal = now;
        await (TypingChanged?.Invoke(true) ?? Task.CompletedTask);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        try
        {
            module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Rooms/Composer.razor.js");
            self = DotNetObjectReference.Create(this);
            await module.InvokeVoidAsync("enableComposer", box, self, (int)typingOptions.Value.Throttle.TotalMilliseconds);
            await module.InvokeVoidAsync("enableMentions", box, self);
        }
        catch (Exception ex) when (BrowserCalls.TabIsGone(ex))
        {
            // The tab closed while the box was being wired: there is nothing left to wire.
        }
    }

    public async ValueTask DisposeAsync()
    {
        self?.Dispose();
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (Exception ex) when (BrowserCalls.TabIsGone(ex))
            {
                // The tab is gone; nothing left to free on its side.
            }
        }
    }
}
