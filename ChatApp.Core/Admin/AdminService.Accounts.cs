using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Admin;

/// <summary>Accounts: the list, locks, manual confirmation, closing one's own account, the Admin role.</summary>
public sealed partial class AdminService
{
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

        events.PublishAccountChange(new AccountChange(userId, AccountChangeKind.Locked));
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
        events.PublishAccountChange(new AccountChange(userId, AccountChangeKind.Unlocked));
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

        events.PublishAccountChange(new AccountChange(userId, AccountChangeKind.Deleted));
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
        // Private rooms they were in only as an administrator are closed to them now, presence included.
        IReadOnlyList<int>? lostRooms = isAdmin ? null : await db.Rooms
            .Where(r => r.IsPrivate && !db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == userId))
            .Select(r => r.Id)
            .ToListAsync(ct);
        events.PublishAccountChange(new AccountChange(userId, AccountChangeKind.RolesChanged, lostRooms));
        return null;
    }
}
