using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace ChatApp.Core.Data;

/// <summary>
/// Folds letters that look alike (UTS #39 confusables: Cyrillic "а" and Latin "a", Greek "Ο" and "O", "0" and "O")
/// onto one prototype, for display-name keys. The data is Unicode's confusables.txt, its Latin, Greek and Cyrillic
/// part (see the header of Confusables/confusables-latin-greek-cyrillic.txt), embedded in this assembly.
/// </summary>
internal static class Confusables
{
    private const string ResourceSuffix = "confusables-latin-greek-cyrillic.txt";

    private static readonly FrozenDictionary<int, string> Prototypes = Load();

    /// <summary>How many mappings were read (a test checks the table is really there).</summary>
    public static int Count => Prototypes.Count;

    /// <summary>
    /// One character's share of the key. Case is folded first, through the upper case, so that a name's key never
    /// depends on its case (skeletons alone are case-sensitive: "I" looks like "l", "i" does not); then the prototype
    /// of the upper or lower form, lower-cased. ASCII letters only fold case.
    /// </summary>
    public static string Fold(Rune rune)
    {
        var upper = Rune.ToUpperInvariant(rune);
        if (upper.IsAscii && Rune.IsLetter(upper))
        {
            return Rune.ToLowerInvariant(upper).ToString();
        }
        if (Prototypes.TryGetValue(upper.Value, out var prototype))
        {
            return prototype.ToLowerInvariant();
        }
        var lower = Rune.ToLowerInvariant(upper);
        return Prototypes.TryGetValue(lower.Value, out prototype) ? prototype.ToLowerInvariant() : lower.ToString();
    }

    private static FrozenDictionary<int, string> Load()
    {
        var assembly = typeof(Confusables).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!, Encoding.UTF8);
        var map = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            // "0430 ;	0061 ;	MA	# ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL LETTER A"
            var data = line.Split('#', 2)[0];
            var fields = data.Split(';');
            if (fields.Length < 3)
            {
                continue;
            }
            var source = int.Parse(fields[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var target = new StringBuilder();
            foreach (var hex in fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                target.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
            map[source] = target.ToString();
        }
        return map.ToFrozenDictionary();
    }
}
