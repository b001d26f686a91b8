using System.Collections.Concurrent;
using System.Collections.Immutable;
using ChatApp.Core;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Web.Circuits;

namespace ChatApp.Web.Presence;

/// <summary>
/// Per circuit: one subscription to the <c>site</c> topic as this user sees it, shared by every component of the
/// circuit that shows someone's status (the app-bar count, dots next to names, toasts). Components listen to
/// <see cref="Changed"/> and marshal to the renderer with InvokeAsync themselves.
/// </summary>
public sealed class SitePresence(PresenceTracker tracker, CircuitState circuit) : IDisposable
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, ImmutableList<Action<PresenceUser?>>> watchersByUser = new(StringComparer.Ordinal);
    private PresenceSubscription? subscription;

    public event Action<PresenceChange>? Changed;

    public string? ViewerId => circuit.User?.UserId;

    /// <summary>Everyone online on the site as this viewer sees them (invisible users left out, except the viewer).</summary>
    public PresenceView Current
    {
        get
        {
            EnsureSubscribed();
            return subscription?.Current ?? tracker.List(RoomPresenceService.SiteTopic, "");
        }
    }

    public PresenceUser? Find(string userId) => Current.Get(userId);

    public void EnsureSubscribed()
    {
        if (subscription is not null || ViewerId is not { } viewer)
        {
            return;
        }
        lock (gate)
        {
            if (subscription is not null)
            {
                return;
            }
            var subscribed = tracker.Subscribe(RoomPresenceService.SiteTopic, viewer, change =>
            {
                Changed?.Invoke(change);
                TellWatchers(change);
                return Task.CompletedTask;
            });
            // Only Current is read here: let the snapshot the subscription started from go.
            subscribed.TakeInitial();
            subscription = subscribed;
        }
    }

    /// <summary>
    /// Calls back (on a background thread) when one user's presence changes as this viewer sees it: null when they
    /// went offline. A page with a hundred names costs one dictionary look-up per change, not a hundred handlers.
    /// </summary>
    public IDisposable WatchUser(string userId, Action<PresenceUser?> onChange)
    {
        EnsureSubscribed();
        lock (gate)
        {
            watchersByUser[userId] = watchersByUser.TryGetValue(userId, out var list) ? list.Add(onChange) : [onChange];
        }
        return new Subscription(() =>
        {
            lock (gate)
            {
                if (watchersByUser.TryGetValue(userId, out var list))
                {
                    list = list.Remove(onChange);
                    if (list.IsEmpty)
                    {
                        watchersByUser.TryRemove(userId, out _);
                    }
                    else
                    {
                        watchersByUser[userId] = list;
                    }
                }
            }
        });
    }

    internal int WatcherCount => watchersByUser.Values.Sum(list => list.Count);

    private void TellWatchers(PresenceChange change)
    {
        if (watchersByUser.IsEmpty)
        {
            return;
        }
        foreach (var presenceEvent in change.Events)
        {
            if (watchersByUser.TryGetValue(presenceEvent.Key, out var watchers))
            {
                var now = presenceEvent.Kind == PresenceEventKind.Left ? null : change.CurrentView().Get(presenceEvent.Key);
                foreach (var watcher in watchers)
                {
                    watcher(now);
                }
            }
        }
    }

    public void Dispose() => subscription?.Dispose();
}
