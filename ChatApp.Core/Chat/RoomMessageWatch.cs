namespace ChatApp.Core.Chat;

/// <summary>
/// One tab watching one room's messages on the bus, for as long as its <see cref="RoomAccess"/> holds: a delivery
/// already queued when the access is revoked is dropped. Messages of a room are numbered 1, 2, 3… with no hole (the
/// number is taken under the room's write lock and no message is ever deleted on its own), so the watch knows what
/// comes next: it remembers the newest number the tab has (handed over here, or shown by the history page the tab
/// opened with) and
/// <list type="bullet">
/// <item>hands over nothing at or below it (a duplicate or a late event);</item>
/// <item>for a message further ahead than the next one (pub/sub is at most once: the ones between were lost), reads
/// the missing ones from the database and hands them over first, in order;</item>
/// <item>after a bus gap, checks the access again and reads what came after it.</item>
/// </list>
/// The bus runs one subscriber's callbacks one at a time, but the history page's newest number arrives from the
/// tab's own thread (<see cref="HistoryShownAsync"/>): a gate keeps all three one at a time, so the state has one
/// writer at any moment.
/// </summary>
internal sealed class RoomMessageWatch(
    ChatService chat, RoomAccess access, Func<MessageView, Task> onMessage, Func<MessageView, Task>? onChanged = null) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private long? newestSeq;
    // The first message handed over before the tab's history told what it had: what lay between the two is checked then.
    private long? firstBeforeHistory;
    private bool historyKnown;
    private volatile bool stopped;

    /// <summary>The room's message events, in the order they were published (one subscription for both kinds).</summary>
    public Task OnEventAsync(MessageEvent message) => message switch
    {
        MessageSaved saved => OnSavedAsync(saved),
        MessageChanged changed => OnChangedAsync(changed.Message),
        _ => Task.CompletedTask,
    };

    /// <summary>
    /// An edit or deletion: handed over as it is, the tab keeps the newer version of what it holds (and one for a
    /// message it does not hold yet, for when that arrives).
    /// </summary>
    public async Task OnChangedAsync(MessageView changed)
    {
        if (onChanged is null)
        {
            return;
        }
        await gate.WaitAsync();
        try
        {
            if (!Stopped)
            {
                await onChanged(changed);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task OnSavedAsync(MessageSaved saved)
    {
        await gate.WaitAsync();
        try
        {
            if (Stopped)
            {
                return;
            }
            var seq = saved.Message.Seq;
            if (newestSeq is { } newest)
            {
                if (seq <= newest)
                {
                    return;
                }
                if (seq > newest + 1)
                {
                    // One or more were lost on the way: the database has them (saved before published).
                    await HandOverAsync(await chat.MessagesAfterAsync(access, newest, seq));
                    if (Stopped)
                    {
                        return;
                    }
                }
            }
            else if (!historyKnown)
            {
                firstBeforeHistory ??= seq;
            }
            await HandAsync(saved.Message);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ResyncAsync()
    {
        await gate.WaitAsync();
        try
        {
            // Events were lost, revocations among them perhaps (they travel on another key, in no order with this one):
            // the access is checked again before the database hands over anything.
            if (await chat.CheckAgainAsync(access) is { } lost)
            {
                chat.EndAccess(access, lost);
                return;
            }
            var newestBefore = newestSeq;
            await HandOverAsync(await chat.MessagesAfterAsync(access, newestSeq));
            if (onChanged is not null && newestBefore is { } held)
            {
                // Edits and deletions lost with the gap: the messages the tab may hold, as they are now.
                foreach (var message in await chat.MessagesUpToAsync(access, held))
                {
                    if (Stopped)
                    {
                        return;
                    }
                    await onChanged(message);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The tab opened with a history page whose newest message is <paramref name="newestShown"/> (0: the room had
    /// none). Live messages are checked against it from now on; if some already arrived before it, and the page
    /// stopped short of the first of them, those in between were saved after the page was read and lost on the bus.
    /// </summary>
    public async Task HistoryShownAsync(long newestShown)
    {
        await gate.WaitAsync();
        try
        {
            if (Stopped || historyKnown)
            {
                return;
            }
            historyKnown = true;
            if (firstBeforeHistory is { } first && first > newestShown + 1)
            {
                // Handed over after the later ones: the tab places messages by number.
                foreach (var message in await chat.MessagesAfterAsync(access, newestShown, first))
                {
                    if (Stopped)
                    {
                        return;
                    }
                    await onMessage(message);
                }
            }
            firstBeforeHistory = null;
            newestSeq = Math.Max(newestSeq ?? 0, newestShown);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The tab stopped watching: nothing more is handed over, whatever is still on its way.</summary>
    public void Dispose() => stopped = true;

    private bool Stopped => stopped || access.IsRevoked;

    private async Task HandOverAsync(IReadOnlyList<MessageView> messages)
    {
        foreach (var message in messages)
        {
            if (Stopped)
            {
                return;
            }
            if (newestSeq is { } newest && message.Seq <= newest)
            {
                continue;
            }
            await HandAsync(message);
        }
    }

    private Task HandAsync(MessageView message)
    {
        newestSeq = newestSeq is { } seen ? Math.Max(seen, message.Seq) : message.Seq;
        return onMessage(message);
    }
}
