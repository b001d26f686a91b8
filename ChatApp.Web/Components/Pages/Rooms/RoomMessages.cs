using ChatApp.Core.Chat;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// The messages one room page holds, in sequence order, each once. New messages beyond <paramref name="limit"/>
/// push the oldest out (they can be loaded again), so a tab left open does not grow without end.
/// </summary>
public sealed class RoomMessages(int limit)
{
    private readonly List<MessageView> items = [];
    private readonly HashSet<long> shown = [];
    // Edits and deletions of messages not held (yet): one may reach the tab before the page or message it changes.
    private Dictionary<long, MessageView>? waitingChanges;
    private const int MaxWaitingChanges = 32;

    public IReadOnlyList<MessageView> Items => items;

    public int Count => items.Count;

    /// <summary>Whether the room has messages before the oldest one held.</summary>
    public bool HasOlder { get; private set; }

    public long? OldestSeq => items.Count == 0 ? null : items[0].Seq;

    /// <summary>A message just sent or heard live; returns whether it was new.</summary>
    public bool AddNew(MessageView message)
    {
        if (!Insert(message))
        {
            return false;
        }
        var excess = items.Count - Math.Max(limit, 1);
        if (excess > 0)
        {
            foreach (var dropped in items.Take(excess))
            {
                shown.Remove(dropped.Seq);
            }
            items.RemoveRange(0, excess);
            HasOlder = true;
        }
        return true;
    }

    /// <summary>A page of history (the newest on opening, or older ones on request).</summary>
    public void AddPage(MessagePage page)
    {
        foreach (var message in page.Messages)
        {
            Insert(message);
        }
        HasOlder = page.HasOlder;
    }

    public void Clear()
    {
        items.Clear();
        shown.Clear();
        waitingChanges = null;
        HasOlder = false;
    }

    /// <summary>
    /// An edited or deleted message: replaces the one held if it is newer (true: the list must show it); one not held
    /// waits for it (a page or the message itself on its way).
    /// </summary>
    public bool Change(MessageView changed)
    {
        if (shown.Contains(changed.Seq))
        {
            var index = items.FindIndex(m => m.Seq == changed.Seq);
            if (!changed.IsNewerThan(items[index]))
            {
                return false;
            }
            items[index] = changed;
            return true;
        }
        waitingChanges ??= [];
        if (!waitingChanges.TryGetValue(changed.Seq, out var waiting) || changed.IsNewerThan(waiting))
        {
            waitingChanges[changed.Seq] = changed;
        }
        if (waitingChanges.Count > MaxWaitingChanges)
        {
            // The oldest waits longest for nothing (a page nobody loads): it goes first.
            waitingChanges.Remove(waitingChanges.Keys.Min());
        }
        return false;
    }

    private bool Insert(MessageView message)
    {
        if (waitingChanges is not null && waitingChanges.Remove(message.Seq, out var changed) && changed.IsNewerThan(message))
        {
            message = changed;
        }
        if (!shown.Add(message.Seq))
        {
            // Held already (a page overlapping a live message): the newer version stays.
            var held = items.FindIndex(m => m.Seq == message.Seq);
            if (message.IsNewerThan(items[held]))
            {
                items[held] = message;
            }
            return false;
        }
        var index = items.FindLastIndex(m => m.Seq < message.Seq) + 1;
        items.Insert(index, message);
        return true;
    }
}
