using ChatApp.Core.Chat;
using ChatApp.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// The edit box of one message. The text reaches the server with a save (or when the box loses focus), as in the
/// composer; the row's state (MessageRowActions) keeps it, so a refusal or a re-render loses nothing.
/// </summary>
public sealed partial class MessageEditor(IOptions<ChatOptions> chatOptions, IJSRuntime js, ILogger<MessageEditor> logger) : ComponentBase, IAsyncDisposable
{
    private const string SaveButton = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-small mud-ripple";
    private const string SaveButtonDisabled = SaveButton + " mud-button-disabled";
    private const string CancelButton = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple ml-1";
    private ElementReference box;
    private IJSObjectReference? module;

    [Parameter, EditorRequired]
    public string Text { get; set; } = "";

    [Parameter, EditorRequired]
    public Action<string> TextChanged { get; set; } = default!;

    [Parameter, EditorRequired]
    public EventCallback Save { get; set; }

    [Parameter, EditorRequired]
    public EventCallback Cancel { get; set; }

    /// <summary>Why the last save was refused, shown under the box.</summary>
    [Parameter]
    public string? Error { get; set; }

    [Parameter]
    public bool Busy { get; set; }

    private int MaxLength => chatOptions.Value.MaxMessageLength;

    private void OnChange(ChangeEventArgs e) => TextChanged(e.Value as string ?? "");

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        try
        {
            module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Rooms/MessageEditor.razor.js");
            await module.InvokeVoidAsync("enableEditor", box);
        }
        catch (Exception ex) when (BrowserCalls.TabIsGone(ex))
        {
            logger.LogDebug(ex, "The browser went away while the edit box opened");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (module is null)
        {
            return;
        }
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
