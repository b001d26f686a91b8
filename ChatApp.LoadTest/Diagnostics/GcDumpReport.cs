using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatApp.LoadTest.Diagnostics;

/// <summary>
/// Reads <c>dotnet-gcdump report</c> (heapstat: one line per type and size bucket with the object size, the count and
/// the type; the total is size times count) and compares two of them.
/// </summary>
public static partial class GcDumpReport
{
    [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s*$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes")]
    private static partial Regex HeapTotal();

    // "System.Byte[] (Bytes > 10K)  [System.Private.CoreLib.dll]": the buckets of one type are added up.
    [GeneratedRegex(@" \(Bytes > [0-9KM]+\)")]
    private static partial Regex SizeBucket();

    public static long Heap(string report) =>
        report.Split('\n').Select(l => HeapTotal().Match(l)).Where(m => m.Success).Select(m => Number(m.Groups[1].Value)).FirstOrDefault();

    public static IReadOnlyDictionary<string, (long Bytes, long Count)> Parse(string report)
    {
        var types = new Dictionary<string, (long Bytes, long Count)>();
        foreach (var line in report.Split('\n'))
        {
            if (Row().Match(line) is { Success: true } m && !m.Groups[3].Value.StartsWith("GC Heap", StringComparison.Ordinal))
            {
                var count = Number(m.Groups[2].Value);
                var bytes = Number(m.Groups[1].Value) * count;
                var name = SizeBucket().Replace(m.Groups[3].Value, "");
                types[name] = types.TryGetValue(name, out var seen) ? (seen.Bytes + bytes, seen.Count + count) : (bytes, count);
            }
        }
        return types;
    }

    /// <summary>The types that grew most from <paramref name="before"/> to <paramref name="after"/>, divided by the tabs.</summary>
    public static IEnumerable<string> PerTab(
        IReadOnlyDictionary<string, (long Bytes, long Count)> before, IReadOnlyDictionary<string, (long Bytes, long Count)> after, int tabs) =>
        after
            .Select(t => (Type: t.Key, Bytes: t.Value.Bytes - before.GetValueOrDefault(t.Key).Bytes, Count: t.Value.Count - before.GetValueOrDefault(t.Key).Count))
            .OrderByDescending(t => t.Bytes)
            .Select(t => $"{t.Bytes / Math.Max(tabs, 1),10:N0} B {(double)t.Count / Math.Max(tabs, 1),8:0.0}  {t.Type}");

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
