using ChatApp.Core.Presence;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// The room's activity: a notice for everyone else who joins or leaves while the room is open (kept in the page, the
/// last <see cref="MaxNotices"/>), and, in a small room, a toast for the arrivals and one for the departures of
/// each change.
/// </summary>
public sealed partial class RoomActivity(ISnackbar snackbar, TimeProvider time) : ComponentBase
{
    internal const int MaxNotices = 100;

    /// <summary>
    /// Up to this many people in the room, comings and goings are news worth a toast. In a bigger room they would
    /// be a stream of toasts (and a snackbar with its timer per toast in every tab): the activity list is enough.
    /// </summary>
    internal const int ToastUpToPeople = 20;

    /// <summary>A toast names this many people, then "and N others".</summary>
    private const int NamesInToast = 3;

    private readonly List<Notice> notices = [];

    /// <summary>The viewer, whose own comings and goings are not news to them.</summary>
    [Parameter, EditorRequired]
    public string ViewerId { get; set; } = "";

    /// <summary>The viewer's own zone, which only their browser knows.</summary>
    [Parameter]
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>
    /// The room's presence events as the online list hears them, with how many people are there now; called on the
    /// renderer. Renders only when someone else joined or left (a status or tab-count update is not activity).
    /// </summary>
    public void Show(IReadOnlyList<PresenceEvent> events, int peopleInRoom)
    {
        var now = time.GetUtcNow();
        List<string>? joined = null;
        List<string>? left = null;
        foreach (var presenceEvent in events)
        {
            if (presenceEvent.Kind == PresenceEventKind.Updated || presenceEvent.Key == ViewerId)
            {
                continue;
            }
            var isJoin = presenceEvent.Kind == PresenceEventKind.Joined;
            notices.Add(new Notice(presenceEvent.User.DisplayName, isJoin ? "joined" : "left", now));
            (isJoin ? joined ??= [] : left ??= []).Add(presenceEvent.User.DisplayName);
        }
        if (joined is null && left is null)
        {
            return;
        }
        if (notices.Count > MaxNotices)
        {
            notices.RemoveRange(0, notices.Count - MaxNotices);
        }
        if (peopleInRoom <= ToastUpToPeople)
        {
            Toast(joined, "joined");
            Toast(left, "left");
        }
        StateHasChanged();
    }

    private void Toast(List<string>? names, string kind)
    {
        if (names is null)
        {
            return;
        }
        var text = $"{Names(names)} {kind}";
        snackbar.Add(builder => builder.AddContent(0, text), Severity.Normal);
    }

    /// <summary>"Ann", "Ann and Bob", "Ann, Bob and Cy", "Ann, Bob, Cy and 1 other", "… and 2 others".</summary>
    internal static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        <= NamesInToast => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
        _ => $"{string.Join(", ", names.Take(NamesInToast))} and {names.Count - NamesInToast} {(names.Count == NamesInToast + 1 ? "other" : "others")}",
    };

    // Keyed by the notice object: an arrival at the end and the oldest dropped at the front stay one edit each.
    private void RenderNotices(RenderTreeBuilder builder)
    {
        foreach (var notice in notices)
        {
            builder.OpenElement(0, "div");
            builder.SetKey(notice);
            builder.AddMarkupContent(1, ActivityNoticeMarkup.Of(notice.DisplayName, notice.Kind, TimeZoneInfo.ConvertTime(notice.At, TimeZone).DateTime));
            builder.CloseElement();
        }
    }

    // A class, not a record: the key compares by reference (a record's equality would make two notices of the same
    // person at the same moment one key).
    private sealed class Notice(string displayName, string kind, DateTimeOffset at)
    {
        public string DisplayName { get; } = displayName;
        public string Kind { get; } = kind;
        public DateTimeOffset At { get; } = at;
    }
}
