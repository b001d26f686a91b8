using ChatApp.Core.Admin;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Chat;

/// <summary>
/// Editing and deleting messages. Authors edit their own within <see cref="ChatOptions.EditWindow"/> under the rules of
/// sending (not empty, not too long, within the send limit, not in an archived room); authors delete their own at any
/// time, administrators anyone's (audited, without the text), except in a direct conversation they are not part of. A
/// deleted message keeps its row and number (the room's numbering has no holes), its text and mentions are gone. Each
/// change is saved under the room's write lock, then published on the room's key as a <see cref="MessageChanged"/>.
/// </summary>
public sealed partial class ChatService
{
    private static readonly ChatError NoSuchMessage = new(ChatErrorKind.NotFound, "There is no such message.");
    private static readonly ChatError AlreadyDeleted = new(ChatErrorKind.NotFound, "This message was deleted.");
    private static readonly ChatError NotYourMessage = new(ChatErrorKind.NotAllowed, "You can only edit your own messages.");
    private static readonly ChatError MayNotDelete = new(ChatErrorKind.NotAllowed, "You can only delete your own messages.");

    /// <summary>What the viewer of the open room may do to its messages (to show the actions; the writes check again).</summary>
    public MessagePermissions PermissionsFor(RoomAccess access) =>
        new(access.UserId, access.IsAdmin, options.Value.EditWindow, time);

    /// <summary>
    /// The text of the user's own message as they would type it again, for the edit box; refused as the edit would be
    /// (someone else's, deleted, past the window, archived room).
    /// </summary>
    public async Task<ChatResult<string>> TextForEditingAsync(string userId, int roomId, long seq, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, _, error) = await AuthorizeRoomAsync(db, userId, r => r.Id == roomId, ct);
        if (room is null)
        {
            return error!;
        }
        if (room.IsArchived)
        {
            return new ChatError(ChatErrorKind.Archived, "This room is archived: its messages can no longer be edited.");
        }
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.RoomId == roomId && m.Seq == seq, ct);
        if (EditRefusal(message, userId) is { } refused)
        {
            return refused;
        }
        return ChatResult<string>.Ok(await content.ForEditingAsync(db, message!.Text, ct));
    }

    /// <summary>Replaces the text of the user's own message <paramref name="seq"/> and marks it edited.</summary>
    public async Task<ChatResult<MessageView>> EditAsync(string userId, int roomId, long seq, string? text, CancellationToken ct = default)
    {
        var (normalized, invalid) = MessageRules.Normalize(text, options.Value.MaxMessageLength);
        if (invalid is not null)
        {
            return invalid;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, author, error) = await AuthorizeRoomAsync(db, userId, r => r.Id == roomId, ct);
        if (room is null)
        {
            return error!;
        }
        if (room.IsArchived)
        {
            return new ChatError(ChatErrorKind.Archived, "This room is archived: its messages can no longer be edited.");
        }
        // An edit reaches every tab as a message does: it counts against the same budget.
        if (await TakeSendPermitAsync(userId, ct) is not { } permit)
        {
            return TooFast("messages or edits");
        }
        ChatResult<MessageView> result;
        bool changed;
        try
        {
            (result, changed) = await SaveEditAsync(db, room.Id, seq, author!, normalized!, ct);
        }
        catch
        {
            await rateLimiter.RefundAsync(permit);
            throw;
        }
        if (!changed)
        {
            // Refused, or nothing changed: nothing was sent to anyone.
            await rateLimiter.RefundAsync(permit);
        }
        return result;
    }

    private async Task<(ChatResult<MessageView> Result, bool Changed)> SaveEditAsync(
        ChatDbContext db, int roomId, long seq, Actor author, string text, CancellationToken ct)
    {
        MessageView view;
        await using (var transaction = await db.Database.BeginRoomWriteTransactionAsync(roomId, ct))
        {
            var message = await db.Messages.Include(m => m.Mentions).SingleOrDefaultAsync(m => m.RoomId == roomId && m.Seq == seq, ct);
            if (EditRefusal(message, author.UserId) is { } refused)
            {
                return (refused, false);
            }
            ArgumentNullException.ThrowIfNull(message);
            var prepared = await content.PrepareAsync(db, roomId, author.UserId, text, ct);
            if (prepared.Refused is { } notAllowed)
            {
                // The same rules as a new message (e.g. who may use @here); the edit box keeps the text.
                return (notAllowed, false);
            }
            var mentioned = prepared.MentionedUserIds.ToHashSet(StringComparer.Ordinal);
            if (prepared.Stored == message.Text && mentioned.SetEquals(message.Mentions.Select(m => m.UserId)))
            {
                // Saved unchanged: not marked edited, not announced.
                return (ChatResult<MessageView>.Ok(View(message, author.DisplayName)), false);
            }
            message.Text = prepared.Stored;
            message.EditedAt = MessageVersions.NextEditTime(time.GetUtcNow(), message.EditedAt);
            ReplaceMentions(db, message, mentioned);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            view = View(message, author.DisplayName);
        }
        bus.Publish(EventKey.Room(roomId), new MessageChanged(view));
        return (ChatResult<MessageView>.Ok(view), true);
    }

    /// <summary>
    /// Deletes message <paramref name="seq"/>: the user's own, or anyone's for an administrator (audited). Deleting a
    /// deleted message again succeeds and changes nothing.
    /// </summary>
    public async Task<ChatResult<MessageView>> DeleteAsync(string userId, int roomId, long seq, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, actor, error) = await AuthorizeRoomAsync(db, userId, r => r.Id == roomId, ct);
        if (room is null)
        {
            return error!;
        }
        MessageView view;
        await using (var transaction = await db.Database.BeginRoomWriteTransactionAsync(roomId, ct))
        {
            var message = await db.Messages.Include(m => m.Mentions).SingleOrDefaultAsync(m => m.RoomId == roomId && m.Seq == seq, ct);
            if (message is null)
            {
                return NoSuchMessage;
            }
            var own = message.AuthorId == userId;
            // A direct conversation is the two people's alone: an administrator outside it moderates nothing there.
            var moderates = actor!.IsAdmin && (!room.IsDirect || IsParticipant(room, userId));
            if (!own && !moderates)
            {
                return MayNotDelete;
            }
            var authorName = await db.Users.Where(u => u.Id == message.AuthorId).Select(u => u.DisplayName).SingleAsync(ct);
            if (message.DeletedAt is not null)
            {
                return ChatResult<MessageView>.Ok(View(message, authorName));
            }
            message.Text = "";
            message.DeletedAt = time.GetUtcNow();
            ReplaceMentions(db, message, new HashSet<string>());
            if (!own)
            {
                // Who, where and which number; never the text, which is gone.
                db.AuditEntries.Add(new AuditEntry
                {
                    At = time.GetUtcNow(),
                    ActorId = actor.UserId,
                    ActorName = actor.DisplayName,
                    Action = "message.delete",
                    TargetKind = "room",
                    TargetId = room.Slug,
                    TargetName = room.Name,
                    Details = $"message #{seq} by {authorName}",
                });
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            view = View(message, authorName);
        }
        bus.Publish(EventKey.Room(roomId), new MessageChanged(view));
        return ChatResult<MessageView>.Ok(view);
    }

    /// <summary>Why the user may not edit the message; null if they may.</summary>
    private ChatError? EditRefusal(ChatMessage? message, string userId)
    {
        if (message is null)
        {
            return NoSuchMessage;
        }
        if (message.AuthorId != userId)
        {
            return NotYourMessage;
        }
        if (message.DeletedAt is not null)
        {
            return AlreadyDeleted;
        }
        var window = options.Value.EditWindow;
        return MessagePermissions.WithinWindow(message.SentAt, time.GetUtcNow(), window)
            ? null
            : new ChatError(ChatErrorKind.NotAllowed,
                $"A message can be edited for {Describe(window)} after it was sent; this one can no longer be changed.");
    }

    private static bool IsParticipant(Room room, string userId) =>
        room.DirectKey?.Split('|').Contains(userId, StringComparer.Ordinal) == true;

    /// <summary>Keeps the mention rows of people still mentioned, removes the others, adds the new ones.</summary>
    private static void ReplaceMentions(ChatDbContext db, ChatMessage message, IReadOnlySet<string> mentioned)
    {
        foreach (var gone in message.Mentions.Where(m => !mentioned.Contains(m.UserId)).ToList())
        {
            db.MessageMentions.Remove(gone);
            message.Mentions.Remove(gone);
        }
        foreach (var added in mentioned.Except(message.Mentions.Select(m => m.UserId), StringComparer.Ordinal))
        {
            message.Mentions.Add(new MessageMention { UserId = added, RoomId = message.RoomId, Seq = message.Seq });
        }
    }

    private static MessageView View(ChatMessage m, string authorName) =>
        new(m.Seq, m.RoomId, m.ClientMessageId, m.AuthorId, authorName, m.Text, m.SentAt, m.EditedAt, m.DeletedAt is not null);

    private static string Describe(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.TotalMinutes % 1 == 0
            ? window.TotalMinutes == 1 ? "1 minute" : $"{window.TotalMinutes:0} minutes"
            : $"{window.TotalSeconds:0} seconds";
}
