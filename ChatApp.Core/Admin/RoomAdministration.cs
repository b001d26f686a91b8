using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Admin;

/// <summary>
/// Rooms and their members, for administrators: create, rename, archive, delete; private rooms' membership. Each
/// change is saved with its audit entry and then announced on the bus, where Core handlers carry out its side
/// effects (presence, typing) and open tabs show it.
/// </summary>
public sealed class RoomAdministration(AdminRunner runner, IEventBus events, ILogger<RoomAdministration>? logger = null)
{
    private static readonly ChatError NoSuchRoom = new(ChatErrorKind.NotFound, "There is no such room.");

    public Task<ChatResult<IReadOnlyList<AdminRoom>>> ListRoomsAsync(string actorId, CancellationToken ct = default) =>
        runner.RunAsync<IReadOnlyList<AdminRoom>>(actorId, async scope =>
            ChatResult<IReadOnlyList<AdminRoom>>.Ok(await RoomViews(scope.Db, Managed(scope.Db).OrderBy(r => r.Name)).ToListAsync(ct)), ct);

    public Task<ChatResult<AdminRoom>> GetRoomAsync(string actorId, string slug, CancellationToken ct = default) =>
        runner.RunAsync<AdminRoom>(actorId, async scope =>
            await RoomViews(scope.Db, Managed(scope.Db).Where(r => r.Slug == slug)).SingleOrDefaultAsync(ct) is { } room
                ? ChatResult<AdminRoom>.Ok(room)
                : NoSuchRoom, ct);

    public Task<ChatResult<AdminRoom>> CreateRoomAsync(string actorId, RoomDraft draft, CancellationToken ct = default) =>
        runner.RunAsync<AdminRoom>(actorId, async scope =>
        {
            var name = draft.Name.Trim();
            var slug = string.IsNullOrWhiteSpace(draft.Slug) ? RoomRules.SlugFrom(name) : draft.Slug.Trim();
            var topic = draft.Topic?.Trim() ?? "";
            if (RoomRules.Validate(name, slug, topic) is { } invalid)
            {
                return invalid;
            }
            var taken = new ChatError(ChatErrorKind.Conflict, $"The address '{slug}' is already used by another room.");
            if (await scope.Db.Rooms.AnyAsync(r => r.Slug == slug, ct))
            {
                return taken;
            }
            var room = new Room { Name = name, Slug = slug, Topic = topic, IsPrivate = draft.IsPrivate, CreatedAt = scope.Now };
            scope.Db.Rooms.Add(room);
            if (!await scope.TrySaveAsync("room.create", room, draft.IsPrivate ? "private" : "public", ct))
            {
                return taken;
            }
            scope.AfterSave(() => events.PublishRoomChange(new RoomChange(room.Id, RoomChangeKind.Created)));
            return ChatResult<AdminRoom>.Ok(new AdminRoom(room.Id, room.Slug, room.Name, room.Topic, room.IsPrivate, false, 0));
        }, ct);

    public Task<ChatError?> UpdateRoomAsync(string actorId, int roomId, string name, string? topic, CancellationToken ct = default) =>
        runner.RunAsync(actorId, async scope =>
        {
            if (await ManagedRoomAsync(scope.Db, roomId, ct) is not { } room)
            {
                return NoSuchRoom;
            }
            var (newName, newTopic) = (name.Trim(), topic?.Trim() ?? "");
            if (RoomRules.Validate(newName, room.Slug, newTopic) is { } invalid)
            {
                return invalid;
            }
            var details = string.Join("; ", new[]
            {
                newName != room.Name ? $"name '{room.Name}' → '{newName}'" : null,
                newTopic != room.Topic ? $"topic '{room.Topic}' → '{newTopic}'" : null,
            }.Where(d => d is not null));
            if (details.Length == 0)
            {
                return null;
            }
            (room.Name, room.Topic) = (newName, newTopic);
            await scope.SaveAsync("room.update", room, details, ct);
            scope.AfterSave(() => events.PublishRoomChange(new RoomChange(room.Id, RoomChangeKind.Updated)));
            return null;
        }, ct);

    public Task<ChatError?> SetArchivedAsync(string actorId, int roomId, bool archived, CancellationToken ct = default) =>
        runner.RunAsync(actorId, async scope =>
        {
            if (await ManagedRoomAsync(scope.Db, roomId, ct) is not { } room)
            {
                return NoSuchRoom;
            }
            if (room.IsArchived == archived)
            {
                return null;
            }
            room.IsArchived = archived;
            await scope.SaveAsync(archived ? "room.archive" : "room.unarchive", room, null, ct);
            scope.AfterSave(() => events.PublishRoomChange(new RoomChange(room.Id, RoomChangeKind.Updated)));
            return null;
        }, ct);

    /// <summary>Deletes the room with its messages and memberships; open tabs are told and moved away.</summary>
    public Task<ChatError?> DeleteRoomAsync(string actorId, int roomId, CancellationToken ct = default) =>
        runner.RunAsync(actorId, async scope =>
        {
            if (await ManagedRoomAsync(scope.Db, roomId, ct) is not { } room)
            {
                return NoSuchRoom;
            }
            if (room.Slug == Room.LobbySlug)
            {
                return new ChatError(ChatErrorKind.NotAllowed, "The lobby is where everyone lands; it cannot be deleted. Archive it instead.");
            }
            var messages = await scope.Db.Messages.CountAsync(m => m.RoomId == roomId, ct);
            scope.Db.Rooms.Remove(room);
            await scope.SaveAsync("room.delete", room, $"{messages} messages deleted", ct);
            scope.AfterSave(() =>
            {
                logger?.RoomDeleted(roomId, actorId, messages);
                events.PublishRoomChange(new RoomChange(roomId, RoomChangeKind.Deleted));
            });
            return null;
        }, ct);

    public Task<ChatResult<IReadOnlyList<RoomMemberView>>> ListMembersAsync(string actorId, int roomId, CancellationToken ct = default) =>
        runner.RunAsync<IReadOnlyList<RoomMemberView>>(actorId, async scope =>
            await ManagedRoomAsync(scope.Db, roomId, ct) is null
                ? NoSuchRoom
                : ChatResult<IReadOnlyList<RoomMemberView>>.Ok(await scope.Db.RoomMembers
                    .Where(m => m.RoomId == roomId)
                    .OrderBy(m => m.User!.DisplayName)
                    .Select(m => new RoomMemberView(m.UserId, m.User!.DisplayName, m.User.Email ?? ""))
                    .ToListAsync(ct)), ct);

    /// <summary>Adds someone found by email or display name (either, ignoring case).</summary>
    public Task<ChatResult<RoomMemberView>> AddMemberAsync(string actorId, int roomId, string emailOrDisplayName, CancellationToken ct = default) =>
        runner.RunAsync<RoomMemberView>(actorId, async scope =>
        {
            if (await ManagedRoomAsync(scope.Db, roomId, ct) is not { } room)
            {
                return NoSuchRoom;
            }
            var wanted = emailOrDisplayName.Trim();
            if (wanted.Length == 0)
            {
                return new ChatError(ChatErrorKind.Invalid, "Type the email or display name of the person to add.");
            }
            // Display names cannot contain '@', so the two ways of naming someone never point at different people.
            var byEmail = wanted.Contains('@');
            var key = byEmail ? wanted.ToUpperInvariant() : DisplayNames.Key(wanted);
            var user = await scope.Db.Users
                .Where(u => byEmail ? u.NormalizedEmail == key : u.DisplayNameKey == key)
                .Select(u => new { u.Id, u.DisplayName, u.Email })
                .SingleOrDefaultAsync(ct);
            if (user is null)
            {
                return new ChatError(ChatErrorKind.NotFound, $"Nobody has the email or display name '{wanted}'.");
            }
            var member = new RoomMemberView(user.Id, user.DisplayName, user.Email ?? "");
            if (await scope.Db.RoomMembers.AnyAsync(m => m.RoomId == roomId && m.UserId == user.Id, ct))
            {
                return ChatResult<RoomMemberView>.Ok(member);
            }
            scope.Db.RoomMembers.Add(new RoomMember { RoomId = roomId, UserId = user.Id });
            if (await scope.TrySaveAsync("member.add", room, $"added {user.DisplayName}", ct))
            {
                scope.AfterSave(() => events.PublishRoomChange(new RoomChange(roomId, RoomChangeKind.MemberAdded, user.Id)));
            }
            return ChatResult<RoomMemberView>.Ok(member);
        }, ct);

    /// <summary>Removes a member; if that closes the room to them, they lose it at once (presence and typing too).</summary>
    public Task<ChatError?> RemoveMemberAsync(string actorId, int roomId, string userId, CancellationToken ct = default) =>
        runner.RunAsync(actorId, async scope =>
        {
            if (await ManagedRoomAsync(scope.Db, roomId, ct) is not { } room)
            {
                return NoSuchRoom;
            }
            var membership = await scope.Db.RoomMembers.Include(m => m.User).SingleOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId, ct);
            if (membership is null)
            {
                return null;
            }
            scope.Db.RoomMembers.Remove(membership);
            await scope.SaveAsync("member.remove", room, $"removed {membership.User!.DisplayName}", ct);
            var accessLost = room.IsPrivate && !await scope.IsAdminIdAsync(userId, ct);
            scope.AfterSave(() => events.PublishRoomChange(new RoomChange(roomId, RoomChangeKind.MemberRemoved, userId, accessLost)));
            return null;
        }, ct);

    /// <summary>
    /// The rooms administrators manage: every room but the direct conversations, which belong to their two people
    /// only. To these pages a direct conversation does not exist (listed, opened, changed or its members read).
    /// </summary>
    private static IQueryable<Room> Managed(ChatDbContext db) => db.Rooms.Where(r => !r.IsDirect);

    private static Task<Room?> ManagedRoomAsync(ChatDbContext db, int roomId, CancellationToken ct) =>
        Managed(db).SingleOrDefaultAsync(r => r.Id == roomId, ct);

    private static IQueryable<AdminRoom> RoomViews(ChatDbContext db, IQueryable<Room> rooms) =>
        rooms.Select(r => new AdminRoom(r.Id, r.Slug, r.Name, r.Topic, r.IsPrivate, r.IsArchived,
            db.RoomMembers.Count(m => m.RoomId == r.Id)));
}
