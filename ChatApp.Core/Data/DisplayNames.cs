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
        if (clean.Length > ChatUser.DisplayNameMaxLength || Visible(clean).Length < ChatUser.DisplayNameMinLength)
        {
            return (null, Problem("DisplayNameLength",
                $"The display name must be {ChatUser.DisplayNameMinLength} to {ChatUser.DisplayNameMaxLength} characters long."));
        }
        if (clean.Contains('@'))
        {
            // Admins add members "by email or display name": a name that looks like an email could be mistaken for one.
            return (null, Problem("DisplayNameAt", "A display name cannot contain '@'."));
        }
        if (Scripts.Mixed(clean) is { } mixed)
        {
            return (null, Problem("DisplayNameMixedScripts",
                $"A display name cannot mix letters of different alphabets (here {mixed.First} and {mixed.Second}): letters that look alike could imitate someone else's name. Write it in one alphabet."));
        }
        return (clean, null);
    }

    /// <summary>
    /// Equal for names that look alike: differing only in case (any script), compatibility forms, joiners, or
    /// letters and digits that are confusable across Latin, Greek and Cyrillic ("Аdmin", "Admin", "ADM1N" with a
    /// one). It is the UTS #39 skeleton of the case-folded name, lower-cased, in NFC: the uniqueness key.
    /// </summary>
    public static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var rune in Visible(name).Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            key.Append(Confusables.Fold(rune));
        }
        return key.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Starts a key that start-up has yet to compute (a migration changed how keys are made).</summary>
    public const string PendingPrefix = "@";

    /// <summary>A key waiting for start-up: unique, and never a real key, since names cannot contain '@'.</summary>
    public static string PendingKey(string userId) => PendingPrefix + userId;

    /// <summary>The key of an existing name that looks like an older one's: its own, until it is renamed.</summary>
    public static string CollisionKey(string key, string userId) => $"{key}@{userId}";

    /// <summary>True when the name's letters come from scripts that should not be mixed (see <see cref="Scripts"/>).</summary>
    public static bool MixesScripts(string name) => Scripts.Mixed(name) is not null;

    /// <summary>The name as shown, without the joiners that show nothing: what its length is counted on.</summary>
    private static string Visible(string name)
    {
        var normalized = name.Trim().Normalize(NormalizationForm.FormKC);
        var visible = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!IsJoiner(c))
            {
                visible.Append(c);
            }
        }
        return visible.ToString();
    }

    /// <summary>True for characters that show nothing by themselves: controls, format characters, blank letters.</summary>
    public static bool ShowsNothing(char c) =>
        Blank.Contains(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static bool IsJoiner(char c) => c is ZeroWidthJoiner or ZeroWidthNonJoiner;

    private static IdentityError Problem(string code, string description) => new() { Code = code, Description = description };
}
