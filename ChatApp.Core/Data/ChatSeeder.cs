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

/// <summary>Start-up data: safe to run on every start, it only adds what is missing.</summary>
public sealed class ChatSeeder(
    ChatDbContext db,
    UserManager<ChatUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider time,
    ILogger<ChatSeeder> logger)
{
    public async Task SeedAsync(AdminAccountOptions admin, CancellationToken ct = default)
    {
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
    }

    /// <summary>Accounts from before display-name keys, or whose key the database could only fold for ASCII.</summary>
    private async Task CompleteDisplayNameKeysAsync(CancellationToken ct)
    {
        // The database's upper() folds ASCII exactly, so only names beyond ASCII are worth reading at each start.
        var candidates = await db.Users.AsNoTracking()
            .Where(u => u.DisplayNameKey != u.DisplayName.ToUpper())
            .Select(u => new { u.Id, u.DisplayName, u.DisplayNameKey })
            .ToListAsync(ct);
        foreach (var user in candidates)
        {
            var key = DisplayNames.Key(user.DisplayName);
            if (key == user.DisplayNameKey)
            {
                continue;
            }
            try
            {
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayNameKey, key), ct);
            }
            catch (System.Data.Common.DbException ex)
            {
                logger.LogWarning(ex, "Display name of {UserId} looks like another's; it keeps its old key until renamed.", user.Id);
            }
        }
    }

    private async Task EnsureAdminAsync(AdminAccountOptions admin)
    {
        var user = await users.FindByEmailAsync(admin.Email!);
        if (user is null)
        {
            if (string.IsNullOrEmpty(admin.Password))
            {
                throw new InvalidOperationException("Admin:Email is set but Admin:Password is not: the admin account cannot be created.");
            }
            user = new ChatUser
            {
                UserName = admin.Email,
                Email = admin.Email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(admin.DisplayName) ? "Admin" : admin.DisplayName.Trim(),
            };
            Check(await users.CreateAsync(user, admin.Password), $"create the admin account {admin.Email}");
        }
        else if (!await users.IsInRoleAsync(user, ChatService.AdminRole)
            && (string.IsNullOrEmpty(admin.Password) || !await users.CheckPasswordAsync(user, admin.Password)))
        {
            // Anyone may have registered that address: only whoever knows the configured password becomes admin.
            logger.LogError(
                "Admin:Email {Email} belongs to an existing account that is not an administrator, and Admin:Password is not its password: it was NOT made an administrator. Set Admin:Password to that account's password, or have an administrator grant the role on /admin/users.",
                admin.Email);
            return;
        }
        if (!await users.IsInRoleAsync(user, ChatService.AdminRole))
        {
            if (!user.EmailConfirmed)
            {
                // The operator vouched for this account by its password: it must be able to sign in to confirm others.
                user.EmailConfirmed = true;
                Check(await users.UpdateAsync(user), $"confirm the admin account {admin.Email}");
            }
            Check(await users.AddToRoleAsync(user, ChatService.AdminRole), $"give {admin.Email} the Admin role");
        }
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
