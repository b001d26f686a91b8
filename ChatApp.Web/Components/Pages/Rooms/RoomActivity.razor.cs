using ChatApp.Core.Presence;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// The room's activity: a notice for everyone else who joins or leaves while the room is open (kept in the page, the
/// last <see cref="MaxNotices"/>), and a toast for each.
/// </summary>
public sealed partial class RoomActivity(ISnackbar snackbar, TimeProvider time) : ComponentBase
{
    internal const int MaxNotices = 100;

    private readonly List<Notice> notices = [];

    /// <summary>The viewer, whose own comings and goings are not news to them.</summary>
    [Parameter, EditorRequired]
    public string ViewerId { get; set; } = "";

    /// <summary>The viewer's own zone, which only their browser knows.</summary>
    [Parameter]
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>The room's presence events as the online list hears them; called on the renderer.</summary>
    public void Show(IReadOnlyList<PresenceEvent> events)
    {
        foreach (var presenceEvent in events.Where(e => e.Kind != PresenceEventKind.Updated && e.Key != ViewerId))
        {
            var kind = presenceEvent.Kind == PresenceEventKind.Joined ? "joined" : "left";
            notices.Add(new Notice(Guid.NewGuid(), presenceEvent.User.DisplayName, kind, time.GetUtcNow()));
            var text = $"{presenceEvent.User.DisplayName} {kind}";
            snackbar.Add(builder => builder.AddContent(0, text), Severity.Normal);
        }
        if (notices.Count > MaxNotices)
        {
            notices.RemoveRange(0, notices.Count - MaxNotices);
        }
        StateHasChanged();
    }

    private sealed record Notice(Guid Id, string DisplayName, string Kind, DateTimeOffset At);
}
