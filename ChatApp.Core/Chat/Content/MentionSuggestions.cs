using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Chat.Content;

/// <summary>One entry of the <c>@</c> autocomplete: a person who may read the room, and whether they are in it now.</summary>
public sealed record MentionSuggestion(string UserId, string DisplayName, bool Present);

/// <summary>
/// Who an <c>@</c> in the composer can name: the people who may read the room (anyone active in a public room, the
/// members of a private one) whose name starts with what was typed, those present in the room first. Only through a
/// <see cref="RoomAccess"/>, so only someone who may open the room learns who reads it.
/// </summary>
public sealed class MentionSuggestions(IDbContextFactory<ChatDbContext> dbFactory, PresenceTracker presence, TimeProvider time)
{
    public const int DefaultCount = 8;

    public async Task<IReadOnlyList<MentionSuggestion>> SuggestAsync(RoomAccess access, string typed, int count = DefaultCount, CancellationToken ct = default)
    {
        if (access.IsRevoked || typed.Length > ChatUser.DisplayNameMaxLength || typed.Contains('\n'))
        {
            return [];
        }
        var key = typed.Length == 0 ? "" : DisplayNames.Key(typed);
        var present = presence.List(RoomPresenceService.RoomTopic(access.RoomId), access.UserId).Users
            .Where(u => u.Key != access.UserId && Matches(u.DisplayName, typed, key))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Take(count)
            .Select(u => new MentionSuggestion(u.Key, u.DisplayName, true))
            .ToList();
        if (present.Count >= count)
        {
            return present;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var presentIds = present.Select(p => p.UserId).Append(access.UserId).ToList();
        var isPrivate = access.Room.IsPrivate;
        var roomId = access.RoomId;
        var others = await db.Users.AsNoTracking()
            .Where(u => u.DisplayNameKey.StartsWith(key) && !presentIds.Contains(u.Id))
            .Where(u => !isPrivate || db.RoomMembers.Any(m => m.RoomId == roomId && m.UserId == u.Id))
            .OrderBy(u => u.DisplayNameKey)
            // A few more than needed: locked accounts are left out below.
            .Take(count * 2)
            .Select(u => new { u.Id, u.DisplayName, u.LockReason, u.LockoutEnd })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        return
        [
            .. present,
            .. others.Where(u => Actor.MayAct(u.LockReason, u.LockoutEnd, now))
                .Take(count - present.Count)
                .Select(u => new MentionSuggestion(u.Id, u.DisplayName, false)),
        ];
    }

    private static bool Matches(string name, string typed, string key) =>
        name.StartsWith(typed, StringComparison.CurrentCultureIgnoreCase) || DisplayNames.Key(name).StartsWith(key, StringComparison.Ordinal);
}
