using System.Collections;

namespace ChatApp.Web.Operations.Logging;

/// <summary>
/// Ids that every line logged inside a piece of work carries: the console shows them after "=>", the JSON console
/// writes them as properties of each entry's <c>Scopes</c>. Ids only, never a name or an address.
/// </summary>
public sealed class LogScope(params KeyValuePair<string, object?>[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public static LogScope Circuit(string circuitId, string? userId) => new(Pair("CircuitId", circuitId), Pair("UserId", userId));

    public static LogScope User(string userId) => new(Pair("UserId", userId));

    public static LogScope Room(int roomId) => new(Pair("RoomId", roomId));

    private static KeyValuePair<string, object?> Pair(string key, object? value) => new(key, value);

    public int Count => values.Length;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(" ", values.Select(v => $"{v.Key}:{v.Value ?? "-"}"));
}
