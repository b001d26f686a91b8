namespace ChatApp.Core.Chat;

public sealed partial class RoomHistoryCache
{
    /// <summary>One room's newest messages, in order. Every change and read under its lock.</summary>
    private sealed class Page
    {
        private readonly Lock gate = new();
        // Messages published since the page was created, kept while the first read runs, then merged into it.
        private readonly List<MessageView> items = [];
        private Task? filling;
        private bool filled;
        private bool invalid;
        private bool hasOlder;
        private long lastRead;
        // Edits and deletions of messages the page does not have yet: while its first read runs (which may return the
        // version before them), or before the message itself arrived. Applied when the message comes in.
        private Dictionary<long, MessageView>? changes;
        private const int MaxWaitingChanges = 64;

        public long LastRead => Volatile.Read(ref lastRead);

        public void Touch(long now) => Volatile.Write(ref lastRead, now);

        public static MessagePage FromLoad(List<MessageView> newestFirst, int pageSize)
        {
            var hasOlder = newestFirst.Count > pageSize;
            var page = newestFirst.Take(pageSize).Reverse().ToList();
            return new MessagePage(page, hasOlder);
        }

        /// <summary>The page once filled; null when it was dropped meanwhile.</summary>
        public async Task<MessagePage?> FillAsync(Func<CancellationToken, Task<List<MessageView>>> load, int pageSize, CancellationToken ct)
        {
            Task fill;
            lock (gate)
            {
                if (invalid)
                {
                    return null;
                }
                if (filled)
                {
                    return Snapshot();
                }
                fill = filling ??= LoadAsync(load, pageSize);
            }
            await fill.WaitAsync(ct);
            lock (gate)
            {
                return invalid || !filled ? null : Snapshot();
            }
        }

        private async Task LoadAsync(Func<CancellationToken, Task<List<MessageView>>> load, int pageSize)
        {
            List<MessageView> newestFirst;
            try
            {
                // Not the first caller's token: others wait for this read too.
                newestFirst = await load(CancellationToken.None);
            }
            catch
            {
                lock (gate)
                {
                    // The next reader tries again.
                    filling = null;
                }
                throw;
            }
            lock (gate)
            {
                hasOlder |= newestFirst.Count > pageSize;
                foreach (var message in newestFirst)
                {
                    Insert(message, pageSize);
                }
                filled = true;
                // What is left waits for messages newer than the page; older ones will never come.
                var newest = items.Count > 0 ? items[^1].Seq : 0;
                foreach (var seq in changes?.Keys.Where(seq => seq <= newest).ToList() ?? [])
                {
                    changes!.Remove(seq);
                }
            }
        }

        public void Add(MessageView message, int pageSize)
        {
            lock (gate)
            {
                if (!invalid)
                {
                    Insert(message, pageSize);
                }
            }
        }

        /// <summary>
        /// Keeps the newer version of the changed message: in the page, or waiting for it. False when too many wait
        /// (the page must be dropped, not left with an old version).
        /// </summary>
        public bool Change(MessageView changed)
        {
            lock (gate)
            {
                if (invalid)
                {
                    return true;
                }
                var index = IndexOf(changed.Seq);
                if (index >= 0)
                {
                    if (changed.IsNewerThan(items[index]))
                    {
                        items[index] = changed;
                    }
                    return true;
                }
                if (filled && items.Count > 0 && changed.Seq < items[^1].Seq)
                {
                    // Older than the page's newest and not in it: an older page's message, read from the database.
                    return true;
                }
                changes ??= [];
                if (changes.TryGetValue(changed.Seq, out var waiting) && !changed.IsNewerThan(waiting))
                {
                    return true;
                }
                changes[changed.Seq] = changed;
                return changes.Count <= MaxWaitingChanges;
            }
        }

        private int IndexOf(long seq)
        {
            var (low, high) = (0, items.Count - 1);
            while (low <= high)
            {
                var middle = (low + high) / 2;
                var at = items[middle].Seq;
                if (at == seq)
                {
                    return middle;
                }
                (low, high) = at < seq ? (middle + 1, high) : (low, middle - 1);
            }
            return -1;
        }

        public void Invalidate()
        {
            lock (gate)
            {
                invalid = true;
                items.Clear();
            }
        }

        // Sorted by number, each once; concurrent senders may publish out of order, so a message can land anywhere.
        private void Insert(MessageView message, int pageSize)
        {
            if (changes is not null && changes.Remove(message.Seq, out var changed) && changed.IsNewerThan(message))
            {
                message = changed;
            }
            var index = items.Count;
            while (index > 0 && items[index - 1].Seq > message.Seq)
            {
                index--;
            }
            if (index > 0 && items[index - 1].Seq == message.Seq)
            {
                if (message.IsNewerThan(items[index - 1]))
                {
                    // The first read found an edit the page had not heard of yet.
                    items[index - 1] = message;
                }
                return;
            }
            if (items.Count >= pageSize && index == 0)
            {
                // Older than everything in a full page: it belongs to an older page.
                hasOlder = true;
                return;
            }
            items.Insert(index, message);
            if (items.Count > pageSize)
            {
                items.RemoveAt(0);
                hasOlder = true;
            }
        }

        private MessagePage Snapshot() => new(items.ToArray(), hasOlder);
    }
}
