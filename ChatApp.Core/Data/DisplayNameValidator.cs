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
