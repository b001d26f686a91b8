using System.Globalization;
using System.Text;

namespace ChatApp.Core.Data;

/// <summary>
/// Which writing system each letter of a name belongs to, to refuse names that mix them ("Аdmin" with a Cyrillic
/// "А"). Only letters count: digits, punctuation, symbols, emoji, marks and modifier letters belong to no script.
/// Latin, Greek, Cyrillic and the other common scripts are named by range; any other letter counts as the script
/// of its 128-character block, which keeps letters of one script together and tells different scripts apart.
/// The rule is UTS #39's "moderately restrictive" level: one script, or Latin with Han and Kana, Bopomofo or Hangul,
/// or Latin with one other script that is neither Greek nor Cyrillic (their letters are the ones that pass for Latin).
/// </summary>
internal static class Scripts
{
    public const string Latin = "Latin";
    public const string Greek = "Greek";
    public const string Cyrillic = "Cyrillic";

    private static readonly (int First, int Last, string Script)[] Ranges =
    [
        (0x0041, 0x024F, Latin), (0x0250, 0x02AF, Latin), (0x1D00, 0x1DBF, Latin), (0x1E00, 0x1EFF, Latin),
        (0x2C60, 0x2C7F, Latin), (0xA720, 0xA7FF, Latin), (0xAB30, 0xAB6F, Latin), (0xFB00, 0xFB06, Latin),
        (0xFF21, 0xFF5A, Latin),
        (0x0370, 0x03E1, Greek), (0x03F0, 0x03FF, Greek), (0x1F00, 0x1FFF, Greek),
        (0x0400, 0x052F, Cyrillic), (0x1C80, 0x1C8F, Cyrillic), (0x2DE0, 0x2DFF, Cyrillic), (0xA640, 0xA69F, Cyrillic),
        (0x0530, 0x058F, "Armenian"), (0xFB13, 0xFB17, "Armenian"),
        (0x0590, 0x05FF, "Hebrew"), (0xFB1D, 0xFB4F, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"),
        (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"),
        (0x10A0, 0x10FF, "Georgian"), (0x1C90, 0x1CBF, "Georgian"), (0x2D00, 0x2D2F, "Georgian"),
        (0x1100, 0x11FF, "Hangul"), (0x3130, 0x318F, "Hangul"), (0xA960, 0xA97F, "Hangul"), (0xAC00, 0xD7FF, "Hangul"),
        (0x3040, 0x309F, "Hiragana"), (0x30A0, 0x30FF, "Katakana"), (0x31F0, 0x31FF, "Katakana"), (0xFF66, 0xFF9F, "Katakana"),
        (0x3100, 0x312F, "Bopomofo"), (0x31A0, 0x31BF, "Bopomofo"),
        (0x2E80, 0x2FDF, "Han"), (0x3005, 0x3007, "Han"), (0x3021, 0x3029, "Han"), (0x3400, 0x4DBF, "Han"),
        (0x4E00, 0x9FFF, "Han"), (0xF900, 0xFAFF, "Han"), (0x20000, 0x3FFFF, "Han"),
    ];

    private static readonly HashSet<string>[] AllowedMixes =
    [
        [Latin, "Han", "Hiragana", "Katakana"],
        [Latin, "Han", "Bopomofo"],
        [Latin, "Han", "Hangul"],
    ];

    /// <summary>The scripts of the name's letters, in order of first use.</summary>
    public static IReadOnlyList<string> Of(string text)
    {
        var found = new List<string>(2);
        foreach (var rune in text.EnumerateRunes())
        {
            if (ScriptOf(rune) is { } script && !found.Contains(script))
            {
                found.Add(script);
            }
        }
        return found;
    }

    /// <summary>Two scripts the name mixes in a way that could imitate another name, or null.</summary>
    public static (string First, string Second)? Mixed(string text)
    {
        var scripts = Of(text);
        if (scripts.Count < 2 || AllowedMixes.Any(allowed => scripts.All(allowed.Contains)))
        {
            return null;
        }
        var others = scripts.Where(s => s != Latin).ToList();
        if (others.Count == 1 && others[0] is not (Greek or Cyrillic))
        {
            return null;
        }
        return scripts.Contains(Latin) && others.FirstOrDefault(s => s is Greek or Cyrillic) is { } lookAlike
            ? (Latin, lookAlike)
            : (others[0], others[1]);
    }

    private static string? ScriptOf(Rune rune)
    {
        if (Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.OtherLetter))
        {
            return null;
        }
        foreach (var (first, last, script) in Ranges)
        {
            if (rune.Value >= first && rune.Value <= last)
            {
                return script;
            }
        }
        return $"the script of U+{rune.Value & ~0x7F:X4}";
    }
}
