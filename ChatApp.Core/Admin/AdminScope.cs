using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Admin;

/// <summary>
/// What an administrative operation works with: the database context, the acting administrator, and saving a change
/// only ever together with its audit entry, and announcing it only after it is stored.
/// </summary>
internal sealed class AdminScope(ChatDbContext db, Actor admin, TimeProvider time)
{
    public ChatDbContext Db => db;

    public Actor Admin => admin;

    public DateTimeOffset Now => time.GetUtcNow();

    public bool Saved { get; private set; }

    private readonly List<Action> afterSave = [];

    /// <summary>
    /// Runs once the change is stored for good (after the commit, when there is a transaction), never if nothing
    /// was saved: where operations announce their change, so nobody hears of one the database does not have.
    /// </summary>
    public void AfterSave(Action announce) => afterSave.Add(announce);

    internal void RunAfterSave()
    {
        if (Saved)
        {
            afterSave.ForEach(announce => announce());
        }
    }

    /// <summary>Saves the change with its audit entry.</summary>
    public Task SaveAsync(string action, Room room, string? details, CancellationToken ct) =>
        SaveAsync(Entry(action, "room", room.Slug, room.Name, details), ct);

    public Task SaveAsync(string action, ChatUser user, string? details, CancellationToken ct) =>
        SaveAsync(Entry(action, "user", user.Id, user.DisplayName, details), ct);

    /// <summary>As <see cref="SaveAsync(string, Room, string?, CancellationToken)"/>; false when a concurrent admin did the same (same slug, same member): the unique key kept one.</summary>
    public async Task<bool> TrySaveAsync(string action, Room room, string? details, CancellationToken ct)
    {
        try
        {
            await SaveAsync(action, room, details, ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>The ids of the Admin role's holders, as a query.</summary>
    public IQueryable<string> AdminIds() =>
        db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == ChatService.AdminRole)).Select(ur => ur.UserId);

    public Task<bool> IsAdminIdAsync(string userId, CancellationToken ct) => AdminIds().AnyAsync(id => id == userId, ct);

    /// <summary>True when the user is an administrator and no other unlocked administrator exists.</summary>
    public async Task<bool> IsLastAdminAsync(string userId, CancellationToken ct)
    {
        if (!await IsAdminIdAsync(userId, ct))
        {
            return false;
        }
        var now = Now;
        var otherAdmins = await db.Users
            .Where(u => u.Id != userId && AdminIds().Contains(u.Id))
            .Select(u => new { u.LockReason, u.LockoutEnd })
            .ToListAsync(ct);
        return !otherAdmins.Any(other => other.LockReason is null || other.LockoutEnd <= now);
    }

    private async Task SaveAsync(AuditEntry entry, CancellationToken ct)
    {
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        Saved = true;
    }

    private AuditEntry Entry(string action, string kind, string targetId, string targetName, string? details) => new()
    {
        At = Now,
        ActorId = admin.UserId,
        ActorName = admin.DisplayName,
        Action = action,
        TargetKind = kind,
        TargetId = targetId,
        TargetName = targetName,
        Details = details,
    };
}
