using ChatApp.Core.Chat;
using ChatApp.Core.Chat.Reading;
using ChatApp.Web.Rooms;
using Microsoft.AspNetCore.Components;

namespace ChatApp.Web.Components.Pages.Rooms;

/// <summary>
/// Reading the room: it opens at the first unread message (with the divider before it) and is marked read up to what
/// was shown; later messages count as read while the reader is at the end of the list with the tab in view.
/// Live marks are written together with every other reader's (ReadMarks), so a busy room costs one write per second, not one per message per reader.
/// </summary>
public sealed partial class RoomView
{
    private long? dividerBeforeSeq;
    private bool caughtUp = true;
    private long markedUpTo;
    private Action<bool>? caughtUpChanged;
    private Func<Task<Microsoft.JSInterop.IJSObjectReference>>? scripts;

    [Inject]
    private ReadingService Reading { get; set; } = default!;

    [Inject]
    private UnreadBadges Badges { get; set; } = default!;

    [Inject]
    private ReadMarks Marks { get; set; } = default!;

    /// <summary>The room's script for the list (one delegate, not one per render, so the list is not rendered again).</summary>
    private Func<Task<Microsoft.JSInterop.IJSObjectReference>> Scripts => scripts ??= Module;

    /// <summary>For the list's reports (one delegate, not one per render).</summary>
    private Action<bool> CaughtUpChanged => caughtUpChanged ??= OnCaughtUpChanged;

    /// <summary>
    /// After the newest page was read: marks the room read up to it and, if there was something unread, loads older
    /// pages back to the first unread message (within what a tab keeps) and puts the divider before it.
    /// </summary>
    private async Task OpenAtFirstUnreadAsync(RoomAccess opened, CancellationToken ct)
    {
        var newest = messages.Count == 0 ? 0 : messages.Items[^1].Seq;
        var mark = await Reading.MarkReadAsync(opened, newest, ct);
        if (!mark.Succeeded || mark.Value!.Previous is not { } readUpTo)
        {
            return;
        }
        markedUpTo = mark.Value.LastReadSeq;
        var pageSize = chatOptions.Value.HistoryPageSize;
        while (messages.HasOlder && messages.OldestSeq > readUpTo + 1
               && messages.Count + pageSize <= chatOptions.Value.MaxMessagesInView && !ct.IsCancellationRequested)
        {
            var older = await chat.GetHistoryAsync(opened, messages.OldestSeq, ct);
            if (!older.Succeeded)
            {
                return;
            }
            messages.AddPage(older.Value!);
        }
        dividerBeforeSeq = messages.Items.FirstOrDefault(m => m.Seq > readUpTo && m.AuthorId != opened.UserId)?.Seq;
    }

    /// <summary>A live message, after it was added: the list pins or counts it; read at once if the reader is there.</summary>
    private void ShowArrived(MessageView message)
    {
        // No list yet: it is about to show for the first time, with this message, and scrolls to it then.
        if (message.ClientMessageId == pendingClientId)
        {
            // The echo of this tab's own send (it may come before the send returns): the sender goes to it.
            messageList?.ShowNewest();
        }
        else
        {
            messageList?.ShowArrived();
        }
        if (caughtUp)
        {
            MarkRead(message.Seq);
        }
    }

    private void OnCaughtUpChanged(bool now)
    {
        caughtUp = now;
        if (access is null)
        {
            return;
        }
        Badges.Reading(access.RoomId, now);
        if (now && messages.Count > 0)
        {
            MarkRead(messages.Items[^1].Seq);
        }
    }

    private void MarkRead(long seq)
    {
        if (seq <= markedUpTo || access is null)
        {
            return;
        }
        // Written with the other readers' marks a moment later (ReadMarks): one transaction, not a write per message.
        markedUpTo = seq;
        Marks.Mark(access, seq);
    }

    /// <summary>The room is no longer read in this tab: its messages count as unread again.</summary>
    private void StopReading()
    {
        if (access is not null)
        {
            Badges.Reading(access.RoomId, false);
        }
    }
}
