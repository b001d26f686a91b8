using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Data;

/// <summary>
/// The display name is what everyone sees instead of the email, so it must be present, short and unique
/// (ignoring case). Runs on every create and update, whichever page or seeder does it.
/// </summary>
public sealed class DisplayNameValidator(ChatDbContext db) : IUserValidator<ChatUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<ChatUser> manager, ChatUser user)
    {
        var name = user.DisplayName.Trim();
        if (name.Length is < ChatUser.DisplayNameMinLength or > ChatUser.DisplayNameMaxLength)
        {
            return Failed("DisplayNameLength",
                $"The display name must be {ChatUser.DisplayNameMinLength} to {ChatUser.DisplayNameMaxLength} characters long.");
        }
        if (name.Contains('@'))
        {
            // Admins add members "by email or display name": a name that looks like an email could be mistaken for one.
            return Failed("DisplayNameAt", "A display name cannot contain '@'.");
        }
        if (name != user.DisplayName)
        {
            user.DisplayName = name;
        }
        var lowered = name.ToLowerInvariant();
        var taken = await db.Users.AnyAsync(u => u.Id != user.Id && u.DisplayName.ToLower() == lowered);
        return taken ? Failed("DuplicateDisplayName", $"The display name '{name}' is already taken.") : IdentityResult.Success;
    }

    private static IdentityResult Failed(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
