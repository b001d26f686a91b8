using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Core.Data;

/// <summary>
/// What makes a display name: everyone tells people apart by it, so two names that look alike must not both exist.
/// Names are normalized (Unicode NFKC, one plain space between words) and may not hold invisible characters that
/// would let "Alice" and "Alice" + a zero-width space be two people.
/// </summary>
public static class DisplayNames
{
    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>The name as it is stored and shown, or why it cannot be one.</summary>
    public static (string? Name, IdentityError? Error) Clean(string? raw)
    {
        var text = (raw ?? "").Normalize(NormalizationForm.FormKC);
        var name = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = name.Length > 0;
                continue;
            }
            if (IsInvisible(text, i))
            {
                return (null, Problem("DisplayNameInvisible", "A display name cannot contain invisible or control characters."));
            }
            if (pendingSpace)
            {
                name.Append(' ');
                pendingSpace = false;
            }
            name.Append(c);
        }
        var clean = name.ToString();
        if (clean.Length is < ChatUser.DisplayNameMinLength or > ChatUser.DisplayNameMaxLength)
        {
            return (null, Problem("DisplayNameLength",
                $"The display name must be {ChatUser.DisplayNameMinLength} to {ChatUser.DisplayNameMaxLength} characters long."));
        }
        if (clean.Contains('@'))
        {
            // Admins add members "by email or display name": a name that looks like an email could be mistaken for one.
            return (null, Problem("DisplayNameAt", "A display name cannot contain '@'."));
        }
        return (clean, null);
    }

    /// <summary>Equal for names that differ only in case (any script) or in compatibility forms: the uniqueness key.</summary>
    public static string Key(string name) => name.Trim().Normalize(NormalizationForm.FormKC).ToUpperInvariant();

    private static IdentityError Problem(string code, string description) => new() { Code = code, Description = description };

    private static bool IsInvisible(string text, int index)
    {
        var c = text[index];
        if (c == ZeroWidthJoiner)
        {
            // Joins emoji (family, flags); between letters or digits it only hides a difference.
            return index == 0 || index == text.Length - 1
                || char.IsLetterOrDigit(text[index - 1]) || char.IsLetterOrDigit(text[index + 1]);
        }
        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }
}
