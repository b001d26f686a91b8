using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Data;

/// <summary>
/// The display name is what everyone sees instead of the email, so it must be present, short, visible and unique
/// (ignoring case in any script). Runs on every create and update, whichever page or seeder does it.
/// </summary>
public sealed class DisplayNameValidator(ChatDbContext db) : IUserValidator<ChatUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<ChatUser> manager, ChatUser user)
    {
        // Identity validates on every update (a failed sign-in counting towards lockout, a password reset): a name
        // that did not change is judged when it was chosen, so rules added later never block those updates.
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.DisplayName).SingleOrDefaultAsync();
        if (stored is not null && stored == user.DisplayName)
        {
            return IdentityResult.Success;
        }
        var (name, error) = DisplayNames.Clean(user.DisplayName);
        if (name is null)
        {
            return IdentityResult.Failed(error!);
        }
        user.DisplayName = name;
        user.DisplayNameKey = DisplayNames.Key(name);
        var taken = await db.Users.AnyAsync(u => u.Id != user.Id && u.DisplayNameKey == user.DisplayNameKey);
        return taken ? Failed("DuplicateDisplayName", $"The display name '{name}' is already taken.") : IdentityResult.Success;
    }

    private static IdentityResult Failed(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
