using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Typing;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Admin;

/// <summary>
/// Everything an administrator does to rooms, members and accounts. Each operation checks, from the acting
/// user's id, that they hold the Admin role, writes an audit entry with the change, and then tells every open
/// tab (and presence) so the change takes effect at once.
/// </summary>
public sealed class AdminService(
    IDbContextFactory<ChatDbContext> dbFactory,
    ChatEventBus events,
    RoomPresenceService roomPresence,
    TypingService typing,
    TimeProvider time)
{
    public const int LockReasonMaxLength = 200;
    public const int AuditPageSize = 50;

    private static readonly ChatError NotAllowed = new(ChatErrorKind.NotAllowed, "Only administrators may do that.");
    private static readonly ChatError NoSuchRoom = new(ChatErrorKind.NotFound, "There is no such room.");
    private static readonly ChatError NoSuchUser = new(ChatErrorKind.NotFound, "There is no such account.");

    public async Task<bool> IsAdminAsync(string actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await AdminAsync(db, actorId, ct) is not null;
    }

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
        events.RoomChanges.Publish(new RoomChange(room.Id, RoomChangeKind.Created));
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
        events.RoomChanges.Publish(new RoomChange(room.Id, RoomChangeKind.Updated));
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
        events.RoomChanges.Publish(new RoomChange(room.Id, RoomChangeKind.Updated));
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
        roomPresence.CloseRoom(roomId);
        events.RoomChanges.Publish(new RoomChange(roomId, RoomChangeKind.Deleted));
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
            events.RoomChanges.Publish(new RoomChange(roomId, RoomChangeKind.MemberAdded, user.Id));
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

        if (room.IsPrivate && !await IsAdminIdAsync(db, userId, ct))
        {
            roomPresence.EvictFromRoom(roomId, userId);
            typing.StopTyping(userId, roomId);
        }
        events.RoomChanges.Publish(new RoomChange(roomId, RoomChangeKind.MemberRemoved, userId));
        return null;
    }

    public async Task<ChatResult<IReadOnlyList<AdminUser>>> ListUsersAsync(string actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is null)
        {
            return NotAllowed;
        }
        var now = time.GetUtcNow();
        var adminIds = await AdminIds(db).ToListAsync(ct);
        var users = await db.Users
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd, u.LockReason, u.LastSeenAt, u.EmailConfirmed })
            .ToListAsync(ct);
        return ChatResult<IReadOnlyList<AdminUser>>.Ok(users
            .Select(u => new AdminUser(u.Id, u.DisplayName, u.Email ?? "", adminIds.Contains(u.Id), u.LockReason is not null && u.LockoutEnd > now, u.LockReason, u.LastSeenAt, u.EmailConfirmed))
            .ToList());
    }

    /// <summary>
    /// Locks the account until an administrator unlocks it. The security stamp changes, so its sign-in cookies stop
    /// working, and every open tab of the user is signed out and dropped from presence.
    /// </summary>
    public async Task<ChatError?> LockUserAsync(string actorId, string userId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One writer at a time (BEGIN IMMEDIATE): two admins locking each other cannot both pass the last-admin check.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        reason = reason.Trim();
        if (reason.Length is 0 or > LockReasonMaxLength)
        {
            return new ChatError(ChatErrorKind.Invalid, $"Give a reason for locking the account (at most {LockReasonMaxLength} characters).");
        }
        if (userId == actorId)
        {
            return new ChatError(ChatErrorKind.NotAllowed, "You cannot lock your own account.");
        }
        if (await db.Users.FindAsync([userId], ct) is not { } user)
        {
            return NoSuchUser;
        }
        if (await IsLastAdminAsync(db, userId, ct))
        {
            return new ChatError(ChatErrorKind.NotAllowed, "This is the last administrator; it cannot be locked.");
        }
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.LockReason = reason;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        Audit(db, admin, "user.lock", user, reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        roomPresence.EvictEverywhere(userId);
        events.AccountChanges.Publish(new AccountChange(userId, AccountChangeKind.Locked));
        return null;
    }

    public async Task<ChatError?> UnlockUserAsync(string actorId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        if (await db.Users.FindAsync([userId], ct) is not { } user)
        {
            return NoSuchUser;
        }
        if (user.LockoutEnd is null && user.LockReason is null)
        {
            return null;
        }
        user.LockoutEnd = null;
        user.LockReason = null;
        user.AccessFailedCount = 0;
        Audit(db, admin, "user.unlock", user);
        await db.SaveChangesAsync(ct);
        events.AccountChanges.Publish(new AccountChange(userId, AccountChangeKind.Unlocked));
        return null;
    }

    /// <summary>
    /// Confirms an account by hand, for servers that require confirmed accounts but send no email (or a lost one).
    /// Idempotent.
    /// </summary>
    public async Task<ChatError?> ConfirmAccountAsync(string actorId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        if (await db.Users.FindAsync([userId], ct) is not { } user)
        {
            return NoSuchUser;
        }
        if (user.EmailConfirmed)
        {
            return null;
        }
        user.EmailConfirmed = true;
        Audit(db, admin, "user.confirm", user);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// The user closes their own account: it goes with its messages, memberships and stars; its open tabs are
    /// signed out and leave every list. The last administrator cannot leave the server without one.
    /// </summary>
    public async Task<ChatError?> CloseOwnAccountAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One writer at a time: two administrators closing their accounts at once cannot both pass the check.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await Actor.FindAsync(db, userId, time.GetUtcNow(), ct) is not { } actor
            || await db.Users.FindAsync([userId], ct) is not { } user)
        {
            return NotAllowed;
        }
        if (await IsLastAdminAsync(db, userId, ct))
        {
            return new ChatError(ChatErrorKind.NotAllowed,
                "You are the last administrator. Make someone else an administrator before you close your account.");
        }
        Audit(db, actor, "user.close", user);
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        roomPresence.EvictEverywhere(userId);
        events.AccountChanges.Publish(new AccountChange(userId, AccountChangeKind.Deleted));
        return null;
    }

    /// <summary>Grants or revokes the Admin role; the last administrator cannot be revoked.</summary>
    public async Task<ChatError?> SetAdminAsync(string actorId, string userId, bool isAdmin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await AdminAsync(db, actorId, ct) is not { } admin)
        {
            return NotAllowed;
        }
        if (await db.Users.FindAsync([userId], ct) is not { } user)
        {
            return NoSuchUser;
        }
        var roleId = await db.Roles.Where(r => r.Name == ChatService.AdminRole).Select(r => r.Id).SingleAsync(ct);
        var current = await db.UserRoles.FindAsync([userId, roleId], ct);
        if (isAdmin == (current is not null))
        {
            return null;
        }
        if (isAdmin)
        {
            db.UserRoles.Add(new() { UserId = userId, RoleId = roleId });
        }
        else
        {
            if (await IsLastAdminAsync(db, userId, ct))
            {
                return new ChatError(ChatErrorKind.NotAllowed, "This is the last administrator; someone else must be made one first.");
            }
            db.UserRoles.Remove(current!);
        }
        Audit(db, admin, isAdmin ? "user.grant-admin" : "user.revoke-admin", user);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (!isAdmin)
        {
            // Private rooms they were in only as an administrator are closed to them now, presence included.
            var lostRooms = await db.Rooms
                .Where(r => r.IsPrivate && !db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == userId))
                .Select(r => r.Id)
                .ToListAsync(ct);
            roomPresence.EvictFromRooms(lostRooms, userId);
        }
        events.AccountChanges.Publish(new AccountChange(userId, AccountChangeKind.RolesChanged));
        return null;
    }

    public async Task<ChatResult<AuditPage>> ListAuditAsync(string actorId, int page = 0, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AdminAsync(db, actorId, ct) is null)
        {
            return NotAllowed;
        }
        page = Math.Max(0, page);
        var entries = await db.AuditEntries
            .OrderByDescending(e => e.Id)
            .Skip(page * AuditPageSize)
            .Take(AuditPageSize + 1)
            .Select(e => new AuditView(e.Id, e.At, e.ActorName, e.Action, e.TargetKind, e.TargetName, e.Details))
            .ToListAsync(ct);
        return ChatResult<AuditPage>.Ok(new AuditPage(entries.Take(AuditPageSize).ToList(), page, entries.Count > AuditPageSize));
    }

    private static IQueryable<AdminRoom> RoomViews(ChatDbContext db, IQueryable<Room> rooms) =>
        rooms.Select(r => new AdminRoom(r.Id, r.Slug, r.Name, r.Topic, r.IsPrivate, r.IsArchived,
            db.RoomMembers.Count(m => m.RoomId == r.Id)));

    private async Task<Actor?> AdminAsync(ChatDbContext db, string actorId, CancellationToken ct) =>
        await Actor.FindAsync(db, actorId, time.GetUtcNow(), ct) is { IsAdmin: true } admin ? admin : null;

    private static IQueryable<string> AdminIds(ChatDbContext db) =>
        db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == ChatService.AdminRole)).Select(ur => ur.UserId);

    private static Task<bool> IsAdminIdAsync(ChatDbContext db, string userId, CancellationToken ct) =>
        AdminIds(db).AnyAsync(id => id == userId, ct);

    /// <summary>True when the user is an administrator and no other unlocked administrator exists.</summary>
    private async Task<bool> IsLastAdminAsync(ChatDbContext db, string userId, CancellationToken ct)
    {
        if (!await IsAdminIdAsync(db, userId, ct))
        {
            return false;
        }
        var now = time.GetUtcNow();
        var otherAdmins = await db.Users
            .Where(u => u.Id != userId && AdminIds(db).Contains(u.Id))
            .Select(u => new { u.LockReason, u.LockoutEnd })
            .ToListAsync(ct);
        return !otherAdmins.Any(other => other.LockReason is null || other.LockoutEnd <= now);
    }

    private void Audit(ChatDbContext db, Actor admin, string action, Room room, string? details = null) =>
        db.AuditEntries.Add(Entry(admin, action, "room", room.Slug, room.Name, details));

    private void Audit(ChatDbContext db, Actor admin, string action, ChatUser user, string? details = null) =>
        db.AuditEntries.Add(Entry(admin, action, "user", user.Id, user.DisplayName, details));

    private AuditEntry Entry(Actor admin, string action, string kind, string targetId, string targetName, string? details) => new()
    {
        At = time.GetUtcNow(),
        ActorId = admin.UserId,
        ActorName = admin.DisplayName,
        Action = action,
        TargetKind = kind,
        TargetId = targetId,
        TargetName = targetName,
        Details = details,
    };

    private static async Task<bool> TrySaveAsync(ChatDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // A concurrent admin did the same (same slug, same member): the unique key kept one.
            return false;
        }
    }
}
