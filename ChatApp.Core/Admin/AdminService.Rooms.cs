using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Admin;

/// <summary>Rooms and their members: create, rename, archive, delete; private rooms' membership.</summary>
public sealed partial class AdminService
{
    public async Task<ChatResult<IReadOnlyList<AdminRoom>>> ListRoomsAsync(string actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is null)
        {
            return NotAllowed;
        }
        var rooms = await RoomViews(db, db.Rooms.OrderBy(r => r.Name)).ToListAsync(ct);
        return ChatResult<IReadOnlyList<AdminRoom>>.Ok(rooms);
    }

    public async Task<ChatResult<AdminRoom>> GetRoomAsync(string actorId, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is null)
        {
            return NotAllowed;
        }
        return await RoomViews(db, db.Rooms.Where(r => r.Slug == slug)).SingleOrDefaultAsync(ct) is { } room
            ? ChatResult<AdminRoom>.Ok(room)
            : NoSuchRoom;
    }

    public async Task<ChatResult<AdminRoom>> CreateRoomAsync(string actorId, RoomDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        var name = draft.Name.Trim();
        var slug = string.IsNullOrWhiteSpace(draft.Slug) ? RoomRules.SlugFrom(name) : draft.Slug.Trim();
        var topic = draft.Topic?.Trim() ?? "";
        if (RoomRules.Validate(name, slug, topic) is { } invalid)
        {
            return invalid;
        }
        if (await db.Rooms.AnyAsync(r => r.Slug == slug, ct))
        {
            return new ChatError(ChatErrorKind.Conflict, $"The address '{slug}' is already used by another room.");
        }

        var room = new Room { Name = name, Slug = slug, Topic = topic, IsPrivate = draft.IsPrivate, CreatedAt = time.GetUtcNow() };
        db.Rooms.Add(room);
        Audit(db, admin, "room.create", room, draft.IsPrivate ? "private" : "public");
        if (!await TrySaveAsync(db, ct))
        {
            return new ChatError(ChatErrorKind.Conflict, $"The address '{slug}' is already used by another room.");
        }
        events.PublishRoomChange(new RoomChange(room.Id, RoomChangeKind.Created));
        return ChatResult<AdminRoom>.Ok(new AdminRoom(room.Id, room.Slug, room.Name, room.Topic, room.IsPrivate, false, 0));
    }

    public async Task<ChatError?> UpdateRoomAsync(string actorId, int roomId, string name, string? topic, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        if (await db.Rooms.FindAsync([roomId], ct) is not { } room)
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
        Audit(db, admin, "room.update", room, details);
        await db.SaveChangesAsync(ct);
        events.PublishRoomChange(new RoomChange(room.Id, RoomChangeKind.Updated));
        return null;
    }

    public async Task<ChatError?> SetArchivedAsync(string actorId, int roomId, bool archived, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        if (await db.Rooms.FindAsync([roomId], ct) is not { } room)
        {
            return NoSuchRoom;
        }
        if (room.IsArchived == archived)
        {
            return null;
        }
        room.IsArchived = archived;
        Audit(db, admin, archived ? "room.archive" : "room.unarchive", room);
        await db.SaveChangesAsync(ct);
        events.PublishRoomChange(new RoomChange(room.Id, RoomChangeKind.Updated));
        return null;
    }

    /// <summary>Deletes the room with its messages and memberships; open tabs are told and moved away.</summary>
    public async Task<ChatError?> DeleteRoomAsync(string actorId, int roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        if (await db.Rooms.FindAsync([roomId], ct) is not { } room)
        {
            return NoSuchRoom;
        }
        if (room.Slug == Room.LobbySlug)
        {
            return new ChatError(ChatErrorKind.NotAllowed, "The lobby is where everyone lands; it cannot be deleted. Archive it instead.");
        }
        var messages = await db.Messages.CountAsync(m => m.RoomId == roomId, ct);
        db.Rooms.Remove(room);
        Audit(db, admin, "room.delete", room, $"{messages} messages deleted");
        await db.SaveChangesAsync(ct);
        events.PublishRoomChange(new RoomChange(roomId, RoomChangeKind.Deleted));
        return null;
    }

    public async Task<ChatResult<IReadOnlyList<RoomMemberView>>> ListMembersAsync(string actorId, int roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is null)
        {
            return NotAllowed;
        }
        var members = await db.RoomMembers
            .Where(m => m.RoomId == roomId)
            .OrderBy(m => m.User!.DisplayName)
            .Select(m => new RoomMemberView(m.UserId, m.User!.DisplayName, m.User.Email ?? ""))
            .ToListAsync(ct);
        return ChatResult<IReadOnlyList<RoomMemberView>>.Ok(members);
    }

    /// <summary>Adds someone found by email or display name (either, ignoring case).</summary>
    public async Task<ChatResult<RoomMemberView>> AddMemberAsync(string actorId, int roomId, string emailOrDisplayName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        if (await db.Rooms.FindAsync([roomId], ct) is not { } room)
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
        var user = await db.Users
            .Where(u => byEmail ? u.NormalizedEmail == key : u.DisplayNameKey == key)
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return new ChatError(ChatErrorKind.NotFound, $"Nobody has the email or display name '{wanted}'.");
        }
        var member = new RoomMemberView(user.Id, user.DisplayName, user.Email ?? "");
        if (await db.RoomMembers.AnyAsync(m => m.RoomId == roomId && m.UserId == user.Id, ct))
        {
            return ChatResult<RoomMemberView>.Ok(member);
        }
        db.RoomMembers.Add(new RoomMember { RoomId = roomId, UserId = user.Id });
        Audit(db, admin, "member.add", room, $"added {user.DisplayName}");
        if (await TrySaveAsync(db, ct))
        {
            events.PublishRoomChange(new RoomChange(roomId, RoomChangeKind.MemberAdded, user.Id));
        }
        return ChatResult<RoomMemberView>.Ok(member);
    }

    /// <summary>Removes a member; if they are in the room right now, they lose it at once.</summary>
    public async Task<ChatError?> RemoveMemberAsync(string actorId, int roomId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        if (await db.Rooms.FindAsync([roomId], ct) is not { } room)
        {
            return NoSuchRoom;
        }
        var membership = await db.RoomMembers.Include(m => m.User).SingleOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId, ct);
        if (membership is null)
        {
            return null;
        }
        db.RoomMembers.Remove(membership);
        Audit(db, admin, "member.remove", room, $"removed {membership.User!.DisplayName}");
        await db.SaveChangesAsync(ct);

        var accessLost = room.IsPrivate && !await IsAdminIdAsync(db, userId, ct);
        events.PublishRoomChange(new RoomChange(roomId, RoomChangeKind.MemberRemoved, userId, accessLost));
        return null;
    }
}
