using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Core.Data;

/// <summary>
/// What makes a display name: everyone tells people apart by it, so two names that look alike must not both exist.
/// Names are normalized (Unicode NFKC, one plain space between words). Characters that show nothing (controls,
/// direction overrides, blank "letters") are refused; the zero-width joiner and non-joiner, which Persian, Indic
/// scripts and emoji need, are allowed but left out of the uniqueness key, so "Al" + joiner + "ice" is "Alice".
/// </summary>
public static class DisplayNames
{
    private const char ZeroWidthNonJoiner = '\u200C';
    private const char ZeroWidthJoiner = '\u200D';

    // Letters and symbols that render as blank space.
    private static readonly HashSet<char> Blank = ['\u115F', '\u1160', '\u3164', '\uFFA0', '\u2800', '\u180E'];

    /// <summary>The name as it is stored and shown, or why it cannot be one.</summary>
    public static (string? Name, IdentityError? Error) Clean(string? raw)
    {
        var text = (raw ?? "").Normalize(NormalizationForm.FormKC);
        var name = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = name.Length > 0;
                continue;
            }
            if (!IsJoiner(c) && ShowsNothing(c))
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
        if (clean.Length > ChatUser.DisplayNameMaxLength || Key(clean).Length < ChatUser.DisplayNameMinLength)
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

    /// <summary>
    /// Equal for names that differ only in case (any script), compatibility forms or joiners: the uniqueness key.
    /// </summary>
    public static string Key(string name)
    {
        var normalized = name.Trim().Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!IsJoiner(c))
            {
                key.Append(char.ToUpperInvariant(c));
            }
        }
        return key.ToString();
    }

    /// <summary>True for characters that show nothing by themselves: controls, format characters, blank letters.</summary>
    public static bool ShowsNothing(char c) =>
        Blank.Contains(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static bool IsJoiner(char c) => c is ZeroWidthJoiner or ZeroWidthNonJoiner;

    private static IdentityError Problem(string code, string description) => new() { Code = code, Description = description };
}
