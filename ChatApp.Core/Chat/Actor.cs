using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Chat;

/// <summary>The signed-in user as the rules see them.</summary>
internal sealed record Actor(string UserId, string DisplayName, bool IsAdmin)
{
    /// <summary>
    /// Null when the id is unknown or an administrator locked the account: such a user may do nothing. A lockout
    /// after failed sign-ins only stops new sign-ins; it must not let a stranger cut off someone's open tabs.
    /// </summary>
    public static async Task<Actor?> FindAsync(ChatDbContext db, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.LockoutEnd, u.LockReason })
            .SingleOrDefaultAsync(ct);
        if (user is null || !MayAct(user.LockReason, user.LockoutEnd, now))
        {
            return null;
        }
        var isAdmin = await db.UserRoles.AnyAsync(
            ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == ChatService.AdminRole), ct);
        return new Actor(userId, user.DisplayName, isAdmin);
    }

    /// <summary>False while an administrator's lock holds (a reason and a lockout still running).</summary>
    public static bool MayAct(string? lockReason, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockReason is null || !(lockoutEnd > now);
}
