using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Admin;

/// <summary>
/// Everything an administrator does to rooms, members and accounts. Each operation checks, from the acting
/// user's id, that they hold the Admin role, writes an audit entry with the change, and then tells every open
/// tab (and presence) so the change takes effect at once.
/// </summary>
public sealed partial class AdminService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus events,
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
