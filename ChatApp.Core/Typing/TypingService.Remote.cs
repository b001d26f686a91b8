using ChatApp.Core.Events;
using ChatApp.Core.Presence;

namespace ChatApp.Core.Typing;

/// <summary>
/// Typists on other app instances. Each instance publishes its own list of a room (<see cref="TypingChanged"/> with its
/// node id); here the latest list of every other node is kept per room and merged with ours for the watchers. A
/// list not heard of again within the expiry is dropped, so typists on an instance that died do not stay forever;
/// a node that keeps typing republishes at the throttle's pace, well within it. One instance alone never keeps a
/// remote list: every event it sees is its own.
/// </summary>
public sealed partial class TypingService
{
    private readonly Dictionary<int, Dictionary<string, RemoteList>> remote = [];
    private readonly DeadlineQueue<RemoteDeadline> remoteDeadlines;
    private readonly IDisposable remoteLists;

    // A lost event of another node only means its list is stale until its next refresh or the expiry, so a gap
    // needs nothing here (the observer's gap callback does nothing).
    private void OnRemoteList(EventKey key, TypingChanged change)
    {
        if (change.Node == presence.NodeId || change.Node.Length == 0)
        {
            return;
        }
        lock (gate)
        {
            if (!remote.TryGetValue(change.RoomId, out var lists))
            {
                remote[change.RoomId] = lists = [];
            }
            if (lists.TryGetValue(change.Node, out var known) && known.Version >= change.Version)
            {
                return;
            }
            if (change.Typists.Count == 0)
            {
                lists.Remove(change.Node);
                if (lists.Count == 0)
                {
                    remote.Remove(change.RoomId);
                }
            }
            else
            {
                var list = new RemoteList(change.Version, change.Typists);
                lists[change.Node] = list;
                remoteDeadlines.Add(new RemoteDeadline(change.RoomId, change.Node, list));
            }
            // Watchers order merged lists by this node's version: every change they may show moves it on.
            version++;
        }
    }

    private void ExpireRemote(RemoteDeadline deadline)
    {
        TypingChanged? cue;
        lock (gate)
        {
            if (!remote.TryGetValue(deadline.RoomId, out var lists)
                || !lists.TryGetValue(deadline.Node, out var current) || !ReferenceEquals(current, deadline.List))
            {
                return;
            }
            lists.Remove(deadline.Node);
            if (lists.Count == 0)
            {
                remote.Remove(deadline.RoomId);
            }
            // Our own list, unchanged, published again: the cue for this node's watchers to show the merged list
            // (and a harmless refresh for the other nodes).
            cue = Snapshot(deadline.RoomId, rooms.TryGetValue(deadline.RoomId, out var room) ? room : []);
        }
        Publish(cue);
    }

    /// <summary>Everyone typing in the room on every node, by name, each once (one person may type in two tabs).</summary>
    private (long Version, IReadOnlyList<Typist> Typists) Merged(int roomId)
    {
        lock (gate)
        {
            IEnumerable<Typist> all = rooms.TryGetValue(roomId, out var room) ? room.Values.Select(e => e.Typist) : [];
            if (remote.TryGetValue(roomId, out var lists))
            {
                all = all.Concat(lists.Values.SelectMany(list => list.Typists));
            }
            return (version, all.DistinctBy(t => t.UserId).OrderBy(t => t.DisplayName, StringComparer.OrdinalIgnoreCase).ToArray());
        }
    }

    private sealed record RemoteList(long Version, IReadOnlyList<Typist> Typists);

    private sealed record RemoteDeadline(int RoomId, string Node, RemoteList List);
}
