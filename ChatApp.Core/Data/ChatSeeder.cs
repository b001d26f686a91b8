using ChatApp.Core.Chat;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Data;

/// <summary>The optional admin account that start-up makes sure of (section <c>Admin</c>).</summary>
public sealed class AdminAccountOptions
{
    public const string SectionName = "Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? DisplayName { get; set; }
}

/// <summary>
/// Start-up data: safe to run on every start, it only adds what is missing. One exclusive transaction, so instances
/// that start together on one PostgreSQL database seed it once (the second finds it done).
/// </summary>
public sealed class ChatSeeder(
    ChatDbContext db,
    UserManager<ChatUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider time,
    ILogger<ChatSeeder> logger)
{
    public async Task SeedAsync(AdminAccountOptions admin, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginExclusiveTransactionAsync(ct);
        if (!await db.Rooms.AnyAsync(ct))
        {
            db.Rooms.Add(new Room
            {
                Name = "Lobby",
                Slug = Room.LobbySlug,
                Topic = "Say hello to everyone",
                CreatedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
        }

        if (!await roles.RoleExistsAsync(ChatService.AdminRole))
        {
            Check(await roles.CreateAsync(new IdentityRole(ChatService.AdminRole)), "create the Admin role");
        }

        await CompleteDisplayNameKeysAsync(ct);

        if (!string.IsNullOrWhiteSpace(admin.Email))
        {
            await EnsureAdminAsync(admin);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Gives accounts whose key is pending (see <see cref="DisplayNames.PendingKey"/>) their real key. Two existing
    /// names may look alike under the current rules: start-up must not fail for that, so the one that gives way (a
    /// name mixing scripts first, the imitation more likely than the original) keeps a key of its own, the real key
    /// with its id, and a warning names both accounts so an administrator can have one renamed.
    /// </summary>
    private async Task CompleteDisplayNameKeysAsync(CancellationToken ct)
    {
        var pending = await db.Users.AsNoTracking()
            .Where(u => u.DisplayNameKey.StartsWith(DisplayNames.PendingPrefix))
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(ct);
        if (pending.Count == 0)
        {
            return;
        }
        var holders = await db.Users.AsNoTracking()
            .Where(u => !u.DisplayNameKey.StartsWith(DisplayNames.PendingPrefix))
            .ToDictionaryAsync(u => u.DisplayNameKey, u => u.Id, StringComparer.Ordinal, ct);
        var ordered = pending
            .OrderBy(u => DisplayNames.MixesScripts(u.DisplayName) ? 1 : 0)
            .ThenBy(u => u.Id, StringComparer.Ordinal);
        foreach (var user in ordered)
        {
            var key = DisplayNames.Key(user.DisplayName);
            if (holders.TryGetValue(key, out var holder))
            {
                logger.LogWarning(
                    "The display name of user {UserId} looks like that of user {OtherUserId}; both keep working, but {UserId} should be renamed (it keeps a key of its own until then).",
                    user.Id, holder, user.Id);
                key = DisplayNames.CollisionKey(key, user.Id);
            }
            holders[key] = user.Id;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayNameKey, key), ct);
        }
    }

    /// <summary>
    /// Creates the configured admin account, as an administrator, when it does not exist. An existing account is left
    /// as it is: an administrator may have revoked its role on purpose, and a restart must not quietly give it back
    /// (nor may someone who registered that address first become an administrator by it).
    /// </summary>
    private async Task EnsureAdminAsync(AdminAccountOptions admin)
    {
        if (await users.FindByEmailAsync(admin.Email!) is { } existing)
        {
            if (!await users.IsInRoleAsync(existing, ChatService.AdminRole))
            {
                logger.LogWarning(
                    "Admin:Email belongs to an existing account ({UserId}) that is not an administrator; start-up leaves it so, because it only makes the account it creates an administrator. To make this account an administrator on purpose, have an administrator grant it the Admin role on /admin/users (if there is none, set Admin:Email to a new address and Admin:Password, restart, sign in with it and grant the role there).",
                    existing.Id);
            }
            return;
        }
        if (string.IsNullOrEmpty(admin.Password))
        {
            throw new InvalidOperationException("Admin:Email is set but Admin:Password is not: the admin account cannot be created.");
        }
        var user = new ChatUser
        {
            UserName = admin.Email,
            Email = admin.Email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(admin.DisplayName) ? "Admin" : admin.DisplayName.Trim(),
        };
        Check(await users.CreateAsync(user, admin.Password), $"create the admin account {admin.Email}");
        Check(await users.AddToRoleAsync(user, ChatService.AdminRole), $"give {admin.Email} the Admin role");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
