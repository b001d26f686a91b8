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
    // Cancelled on Dispose: a delivery already on its way does nothing.
    private readonly CancellationTokenSource closing = new();
    private IDisposable? subscription;
    private IReadOnlyList<Typist> othersTyping = [];

    /// <summary>The viewer's access to the room: the watch needs no other check, and stops when it ends.</summary>
    [Parameter, EditorRequired]
    public RoomAccess Access { get; set; } = default!;

    protected override void OnInitialized()
    {
        try
        {
            subscription = typing.Subscribe(Access, OnTypists).Value;
        }
        catch (Exception ex)
        {
            // "Is typing" is a nicety: the room stays usable without it.
            logger.LogWarning(ex, "Watching who types in room {RoomId} failed", Access.RoomId);
        }
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
            othersTyping = typists.Where(t => t.UserId != Access.UserId).ToList();
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
