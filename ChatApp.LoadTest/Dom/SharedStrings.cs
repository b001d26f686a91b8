using System.Collections.Concurrent;

namespace ChatApp.LoadTest.Dom;

/// <summary>
/// One copy of each string the pages hold (tag and attribute names, CSS classes, test ids, texts), shared by every tab
/// of the generator: a thousand tabs of the same room decode the same strings a thousand times from their batches, and
/// keeping each once is most of what a tab's page costs. Thread-safe (many tabs apply batches at once) and bounded, so
/// a long chat run's unique message texts cannot grow it without end (past the bound a string is simply not shared).
/// </summary>
public static class SharedStrings
{
    private const int MaxEntries = 200_000;
    private const int MaxLength = 4_096;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    public static int Count => Pool.Count;

    public static string Share(string value) =>
        value.Length > MaxLength ? value
            : Pool.TryGetValue(value, out var shared) ? shared
            : Pool.Count >= MaxEntries ? value
            : Pool.GetOrAdd(value, value);
}
