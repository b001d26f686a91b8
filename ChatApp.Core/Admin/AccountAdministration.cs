using ChatApp.Core.Chat;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Admin;

/// <summary>
/// Accounts: the list, locks, manual confirmation, the Admin role, closing one's own account, and the audit log.
/// Each change is saved with its audit entry and then announced on the bus, where Core handlers carry out its side
/// effects (presence, typing) and the user's open tabs react (a locked user is signed out everywhere).
/// </summary>
public sealed class AccountAdministration(AdminRunner runner, IEventBus events, ILogger<AccountAdministration>? logger = null)
{
    public const int LockReasonMaxLength = 200;
    public const int AuditPageSize = 50;

    private static readonly ChatError NoSuchUser = new(ChatErrorKind.NotFound, "There is no such account.");

    public Task<bool> IsAdminAsync(string actorId, CancellationToken ct = default) => runner.IsAdminAsync(actorId, ct);

    public Task<ChatResult<AuditPage>> ListAuditAsync(string actorId, int page = 0, CancellationToken ct = default) =>
        runner.RunAsync<AuditPage>(actorId, async scope =>
        {
            page = Math.Max(0, page);
            var entries = await scope.Db.AuditEntries
                .OrderByDescending(e => e.Id)
                .Skip(page * AuditPageSize)
                .Take(AuditPageSize + 1)
                .Select(e => new AuditView(e.Id, e.At, e.ActorName, e.Action, e.TargetKind, e.TargetName, e.Details))
                .ToListAsync(ct);
            return ChatResult<AuditPage>.Ok(new AuditPage(entries.Take(AuditPageSize).ToList(), page, entries.Count > AuditPageSize));
        }, ct);

    public Task<ChatResult<IReadOnlyList<AdminUser>>> ListUsersAsync(string actorId, CancellationToken ct = default) =>
        runner.RunAsync<IReadOnlyList<AdminUser>>(actorId, async scope =>
        {
            var now = scope.Now;
            var adminIds = await scope.AdminIds().ToListAsync(ct);
            var users = await scope.Db.Users
                .OrderBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd, u.LockReason, u.LastSeenAt, u.EmailConfirmed })
                .ToListAsync(ct);
            return ChatResult<IReadOnlyList<AdminUser>>.Ok(users
                .Select(u => new AdminUser(u.Id, u.DisplayName, u.Email ?? "", adminIds.Contains(u.Id), u.LockReason is not null && u.LockoutEnd > now, u.LockReason, u.LastSeenAt, u.EmailConfirmed))
                .ToList());
        }, ct);

    /// <summary>
    /// Locks the account until an administrator unlocks it. The security stamp changes, so its sign-in cookies stop
    /// working, and every open tab of the user is signed out and dropped from presence.
    /// </summary>
    public Task<ChatError?> LockUserAsync(string actorId, string userId, string reason, CancellationToken ct = default) =>
        runner.RunAsync(actorId, async scope =>
        {
            reason = reason.Trim();
            if (reason.Length is 0 or > LockReasonMaxLength)
            {
                return new ChatError(ChatErrorKind.Invalid, $"Give a reason for locking the account (at most {LockReasonMaxLength} characters).");
            }
            if (userId == actorId)
            {
                return new ChatError(ChatErrorKind.NotAllowed, "You cannot lock your own account.");
            }
            if (await scope.Db.Users.FindAsync([userId], ct) is not { } user)
            {
                return NoSuchUser;
            }
            if (await scope.IsLastAdminAsync(userId, ct))
            {
                return new ChatError(ChatErrorKind.NotAllowed, "This is the last administrator; it cannot be locked.");
            }
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            user.LockReason = reason;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await scope.SaveAsync("user.lock", user, reason, ct);
            scope.AfterSave(() =>
            {
                logger?.AccountLocked(userId, actorId);
                events.PublishAccountChange(new AccountChange(userId, AccountChangeKind.Locked));
            });
            return null;
        }, ct, exclusive: true);

    public Task<ChatError?> UnlockUserAsync(string actorId, string userId, CancellationToken ct = default) =>
        runner.RunAsync(actorId, async scope =>
        {
            if (await scope.Db.Users.FindAsync([userId], ct) is not { } user)
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
            await scope.SaveAsync("user.unlock", user, null, ct);
            scope.AfterSave(() =>
            {
                logger?.AccountUnlocked(userId, actorId);
                events.PublishAccountChange(new AccountChange(userId, AccountChangeKind.Unlocked));
            });
            return null;
        }, ct);

    /// <summary>
    /// Confirms an account by hand, for servers that require confirmed accounts but send no email (or a lost one).
    /// Idempotent.
    /// </summary>
    public Task<ChatError?> ConfirmAccountAsync(string actorId, string userId, CancellationToken ct = default) =>
        runner.RunAsync(actorId, async scope =>
        {
            if (await scope.Db.Users.FindAsync([userId], ct) is not { } user)
            {
                return NoSuchUser;
            }
            if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                await scope.SaveAsync("user.confirm", user, null, ct);
            }
            return null;
        }, ct);

    /// <summary>
    /// The user closes their own account: it goes with its messages, memberships and stars; its open tabs are
    /// signed out and leave every list. The last administrator cannot leave the server without one.
    /// </summary>
    public Task<ChatError?> CloseOwnAccountAsync(string userId, CancellationToken ct = default) =>
        runner.RunAsSelfAsync(userId, async scope =>
        {
            if (await scope.Db.Users.FindAsync([userId], ct) is not { } user)
            {
                return new ChatError(ChatErrorKind.NotAllowed, "You are not allowed to do that.");
            }
            if (await scope.IsLastAdminAsync(userId, ct))
            {
                return new ChatError(ChatErrorKind.NotAllowed,
                    "You are the last administrator. Make someone else an administrator before you close your account.");
            }
            scope.Db.Users.Remove(user);
            await scope.SaveAsync("user.close", user, null, ct);
            scope.AfterSave(() => events.PublishAccountChange(new AccountChange(userId, AccountChangeKind.Deleted)));
            return null;
        }, ct);

    /// <summary>Grants or revokes the Admin role; the last administrator cannot be revoked.</summary>
    public Task<ChatError?> SetAdminAsync(string actorId, string userId, bool isAdmin, CancellationToken ct = default) =>
        runner.RunAsync(actorId, async scope =>
        {
            if (await scope.Db.Users.FindAsync([userId], ct) is not { } user)
            {
                return NoSuchUser;
            }
            var roleId = await scope.Db.Roles.Where(r => r.Name == ChatService.AdminRole).Select(r => r.Id).SingleAsync(ct);
            var current = await scope.Db.UserRoles.FindAsync([userId, roleId], ct);
            IReadOnlyList<int>? lostRooms = null;
            if (isAdmin == (current is not null))
            {
                return null;
            }
            if (isAdmin)
            {
                scope.Db.UserRoles.Add(new() { UserId = userId, RoleId = roleId });
            }
            else
            {
                if (await scope.IsLastAdminAsync(userId, ct))
                {
                    return new ChatError(ChatErrorKind.NotAllowed, "This is the last administrator; someone else must be made one first.");
                }
                scope.Db.UserRoles.Remove(current!);
                // Private rooms they were in only as an administrator are closed to them now, presence included.
                lostRooms = await scope.Db.Rooms
                    .Where(r => r.IsPrivate && !scope.Db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == userId))
                    .Select(r => r.Id)
                    .ToListAsync(ct);
            }
            await scope.SaveAsync(isAdmin ? "user.grant-admin" : "user.revoke-admin", user, null, ct);
            scope.AfterSave(() => events.PublishAccountChange(new AccountChange(userId, AccountChangeKind.RolesChanged, lostRooms)));
            return null;
        }, ct, exclusive: true);
}
