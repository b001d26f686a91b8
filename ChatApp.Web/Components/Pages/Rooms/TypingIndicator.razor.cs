using ChatApp.Core.Chat;
using ChatApp.Core.Typing;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// Who else is typing in one room, live, while it is shown. One per room: the view that holds it is made anew for
/// every room, so it never has to forget another room's typists.
/// </summary>
public sealed partial class TypingIndicator(TypingService typing, ILogger<TypingIndicator> logger) : ComponentBase, IDisposable
{
    // Cancelled on Dispose: a subscription still being set up is dropped, and a delivery already on its way does nothing.
    private readonly CancellationTokenSource closing = new();
    private IDisposable? subscription;
    private IReadOnlyList<Typist> othersTyping = [];

    [Parameter, EditorRequired]
    public int RoomId { get; set; }

    [Parameter, EditorRequired]
    public string ViewerId { get; set; } = "";

    protected override async Task OnInitializedAsync()
    {
        var ct = closing.Token;
        ChatResult<IDisposable> subscribed;
        try
        {
            subscribed = await typing.SubscribeAsync(ViewerId, RoomId, OnTypists, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // "Is typing" is a nicety: the room stays usable without it.
            logger.LogWarning(ex, "Watching who types in room {RoomId} failed", RoomId);
            return;
        }
        if (ct.IsCancellationRequested)
        {
            // Gone while subscribing: nobody else will ever dispose this one.
            subscribed.Value?.Dispose();
            return;
        }
        subscription = subscribed.Value;
    }

    private void OnTypists(IReadOnlyList<Typist> typists)
    {
        if (closing.IsCancellationRequested)
        {
            return;
        }
        _ = InvokeAsync(() =>
        {
            if (closing.IsCancellationRequested)
            {
                return;
            }
            othersTyping = typists.Where(t => t.UserId != ViewerId).ToList();
            StateHasChanged();
        });
    }

    private static string Text(IReadOnlyList<Typist> typists) => typists.Count switch
    {
        1 => $"{typists[0].DisplayName} is typing…",
        2 => $"{typists[0].DisplayName} and {typists[1].DisplayName} are typing…",
        _ => "Several people are typing…",
    };

    public void Dispose()
    {
        // Unsubscribe first, so no new delivery starts; then those already on their way find the indicator closed.
        subscription?.Dispose();
        closing.Cancel();
        closing.Dispose();
    }
}
