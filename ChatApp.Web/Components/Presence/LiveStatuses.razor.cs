using System.Collections.Concurrent;
using ChatApp.Core.Presence;
using ChatApp.Web.Presence;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Presence;

/// <summary>
/// Gives its content the live status of any user (<see cref="Of"/>) and renders it again when one of the users it was
/// asked about changes. A room's message list used a <c>UserPresence</c> component per message: fifty components,
/// fifty subscriptions and their render buffers per tab, for a handful of authors. This is one component and one
/// handler, and a change of someone not shown costs a dictionary look-up.
/// </summary>
public sealed partial class LiveStatuses : IDisposable
{
    // Read from the presence callback's thread while a render adds to it: a concurrent set. Bounded by the authors
    // of the messages a room keeps in view.
    private readonly ConcurrentDictionary<string, byte> shown = new(StringComparer.Ordinal);
    private bool subscribed;

    [Parameter, EditorRequired]
    public RenderFragment<LiveStatuses> ChildContent { get; set; } = default!;

    /// <summary>The user's status as the <c>data-status</c> of a presence dot: online, away, busy, reconnecting or offline.</summary>
    public string Of(string userId)
    {
        shown.TryAdd(userId, 0);
        return Site.Find(userId) is { } user ? Attributes[(int)user.Status] : PresenceText.Offline;
    }

    // One string per status, not one per row per render (a shared row's markup is cached per status string).
    private static readonly string[] Attributes = Enumerable.Range(0, Enum.GetValues<PresenceStatus>().Max(s => (int)s) + 1)
        .Select(s => PresenceText.Attribute((PresenceStatus)s)).ToArray();

    protected override void OnInitialized()
    {
        Site.Changed += OnChanged;
        subscribed = true;
    }

    private void OnChanged(PresenceChange change)
    {
        foreach (var presenceEvent in change.Events)
        {
            if (shown.ContainsKey(presenceEvent.Key))
            {
                _ = InvokeAsync(StateHasChanged);
                return;
            }
        }
    }

    public void Dispose()
    {
        if (subscribed)
        {
            Site.Changed -= OnChanged;
        }
    }
}
