using ChatApp.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Core.Accounts;

/// <summary>
/// Passwords after NIST SP 800-63B: long enough (Identity's RequiredLength, 10 by default), not absurdly long, no
/// composition rules, and not guessable from the account itself or from a list of the passwords tried first.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;

    /// <summary>Long passphrases are welcome; this only bounds the work one request can make the hasher do.</summary>
    public const int MaxLength = 256;

    /// <summary>Shorter email names or display names ("Al") are left out, or they would refuse half of all passwords.</summary>
    public const int ShortestPersonalPart = 3;

    public static IReadOnlyList<IdentityError> Check(string password, string? email, string? displayName)
    {
        var errors = new List<IdentityError>();
        if (password.Length > MaxLength)
        {
            errors.Add(Error("PasswordTooLong", $"Passwords can be at most {MaxLength} characters long."));
            return errors;
        }

        var localPart = email?.Split('@')[0].Trim();
        if (Contains(password, localPart))
        {
            errors.Add(Error("PasswordContainsEmail", "The password must not contain the name part of your email address."));
        }
        if (Contains(password, displayName?.Trim()))
        {
            errors.Add(Error("PasswordContainsDisplayName", "The password must not contain your display name."));
        }
        if (CommonPasswords.Contains(password))
        {
            errors.Add(Error("PasswordTooCommon", "This password is one of the most common passwords, the ones attackers try first. Choose another one."));
        }
        return errors;
    }

    private static bool Contains(string password, string? part) =>
        part is { Length: >= ShortestPersonalPart } && password.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}

/// <summary>Applies <see cref="PasswordPolicy"/> wherever Identity sets a password: registration, change, reset, set.</summary>
public sealed class PasswordPolicyValidator : IPasswordValidator<ChatUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<ChatUser> manager, ChatUser user, string? password)
    {
        var errors = PasswordPolicy.Check(password ?? "", user.Email ?? user.UserName, user.DisplayName);
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
