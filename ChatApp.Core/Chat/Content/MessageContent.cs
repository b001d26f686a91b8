using System.Text;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat.Content;

/// <summary>
/// A message's text as it is stored, and the people it mentions (their ids: see <see cref="MessageMention"/>).
/// <paramref name="Refused"/>: why the text may not be sent as it is (nothing was stored; the author keeps their text).
/// </summary>
public sealed record PreparedText(string Stored, IReadOnlyList<string> MentionedUserIds, ChatError? Refused = null)
{
    /// <summary>Whether the text says <c>@here</c> (its mentions include everyone who was present).</summary>
    public bool MentionsHere { get; init; }
}

/// <summary>
/// The one place that turns what a person typed into what is stored, for a new message and for an edit alike, and
/// back into what they would type again (the edit box). Mentions are stored by user id here, so a renamed person still
/// shows right.
/// </summary>
public sealed class MessageContent(PresenceTracker presence, MentionNames names, IOptions<ChatOptions> options, TimeProvider time)
{
    /// <summary>
    /// The stored form of <paramref name="text"/> (already normalized by <see cref="MessageRules"/>) in the room:
    /// <c>@Name</c> of someone who may read the room becomes their token (the longest name that matches wins), and
    /// <c>@here</c> reaches everyone present in the room now, if the author may use it there.
    /// </summary>
    public async Task<PreparedText> PrepareAsync(ChatDbContext db, int roomId, string authorId, string text, CancellationToken ct = default)
    {
        var candidates = MentionFinder.Find(text);
        var people = await EligibleAsync(db, roomId, candidates.SelectMany(c => c.Keys).Distinct(StringComparer.Ordinal).ToList(), ct);
        var mentioned = new List<string>();
        var here = false;
        var stored = new StringBuilder(text.Length);
        var at = 0;
        foreach (var candidate in candidates)
        {
            if (candidate.At < at)
            {
                continue;
            }
            var (length, token, userId) = candidate.IsHere
                ? (5, MentionTokens.Here, null)
                : candidate.Longest(people) is { } match ? (match.Length, MentionTokens.Person(match.UserId), match.UserId) : (0, "", null);
            if (length == 0)
            {
                continue;
            }
            AppendEscaped(stored, text, at, candidate.At);
            stored.Append(token);
            at = candidate.At + length;
            here |= candidate.IsHere;
            if (userId is not null)
            {
                mentioned.Add(userId);
            }
        }
        AppendEscaped(stored, text, at, text.Length);

        if (here)
        {
            var present = presence.List(RoomPresenceService.RoomTopic(roomId), authorId).Users
                .Select(u => u.Key).Where(k => k != authorId).ToList();
            if (present.Count > options.Value.HereMaxMembers && !await IsAdminAsync(db, authorId, ct))
            {
                return new PreparedText(text, [], new ChatError(ChatErrorKind.NotAllowed,
                    $"@here notifies everyone in the room: only administrators may use it when more than {options.Value.HereMaxMembers} people are here. Mention people by name instead."));
            }
            mentioned.AddRange(present);
        }
        mentioned.Remove(authorId);
        return new PreparedText(stored.ToString(), mentioned.Distinct(StringComparer.Ordinal).ToList()) { MentionsHere = here };
    }

    /// <summary>The stored text as its author would type it again: tokens as <c>@CurrentName</c>.</summary>
    public Task<string> ForEditingAsync(ChatDbContext db, string stored, CancellationToken ct = default)
    {
        _ = (db, ct);
        var text = MentionTokens.Stored().Replace(stored, m =>
            m.Groups["id"].Success ? "@" + (names.NameOf(m.Groups["id"].Value) ?? "unknown")
            : m.Value == MentionTokens.Here ? "@here"
            : m.Value.Replace("\\", "", StringComparison.Ordinal));
        return Task.FromResult(text);
    }

    /// <summary>Tells each person the message mentions (after it was saved), for a toast where they are.</summary>
    public static void AnnounceMentions(IEventBus bus, Room room, MessageView message, PreparedText prepared)
    {
        foreach (var userId in prepared.MentionedUserIds)
        {
            bus.Publish(EventKey.User(userId),
                new MentionNotice(userId, room.Id, room.Slug, room.Name, message.Seq, message.AuthorName, prepared.MentionsHere));
        }
    }

    private static void AppendEscaped(StringBuilder stored, string text, int from, int to)
    {
        if (to > from)
        {
            stored.Append(MentionTokens.LookAlike().Replace(text[from..to], m => MentionTokens.Escape(m.Value)));
        }
    }

    /// <summary>
    /// The people among those whose name key is one of <paramref name="keys"/> who may read the room: any active
    /// user in a public room, its members in a private one. Looked up by the uniqueness key (indexed), so a big site
    /// costs no more than a small one.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, Person>> EligibleAsync(ChatDbContext db, int roomId, List<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, Person>();
        }
        var isPrivate = await db.Rooms.Where(r => r.Id == roomId).Select(r => r.IsPrivate).SingleAsync(ct);
        var found = await db.Users.AsNoTracking()
            .Where(u => keys.Contains(u.DisplayNameKey))
            .Where(u => !isPrivate || db.RoomMembers.Any(m => m.RoomId == roomId && m.UserId == u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.DisplayNameKey, u.LockReason, u.LockoutEnd })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var user in found.Where(u => Actor.MayAct(u.LockReason, u.LockoutEnd, now)))
        {
            names.Know(user.Id, user.DisplayName);
            people[user.DisplayNameKey] = new Person(user.Id, user.DisplayName);
        }
        return people;
    }

    private static Task<bool> IsAdminAsync(ChatDbContext db, string userId, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == ChatService.AdminRole), ct);
}

internal sealed record Person(string UserId, string DisplayName);
