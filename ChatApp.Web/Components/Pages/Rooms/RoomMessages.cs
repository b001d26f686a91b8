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
        HasOlder = false;
    }

    private bool Insert(MessageView message)
    {
        if (!shown.Add(message.Seq))
        {
            return false;
        }
        var index = items.FindLastIndex(m => m.Seq < message.Seq) + 1;
        items.Insert(index, message);
        return true;
    }
}
