using System.Text.Json;
using System.Text.Json.Serialization;
using ChatApp.Core.Presence;

namespace ChatApp.Redis.Presence;

/// <summary>
/// What one node sends on <c>presence:deltas</c>: the changes of one tick, numbered <see cref="Seq"/> (consecutive
/// within one <see cref="Generation"/>, i.e. one incarnation of the node and one rewrite of its state).
/// </summary>
internal sealed record WireBatch(
    [property: JsonPropertyName("n")] string Node,
    [property: JsonPropertyName("g")] string Generation,
    [property: JsonPropertyName("s")] long Seq,
    [property: JsonPropertyName("k")] BatchKind Kind,
    [property: JsonPropertyName("c")] WireChange[] Changes);

internal enum BatchKind
{
    /// <summary>Changes to apply after the previous seq.</summary>
    Delta,

    /// <summary>The node rewrote its whole state (it started, or Redis came back): re-read it.</summary>
    Announce,

    /// <summary>The node stopped gracefully: drop its metas now.</summary>
    Left,
}

/// <summary>One change: a meta tracked or replaced (<c>t</c>), untracked (<c>u</c>), or a status chosen (<c>s</c>).</summary>
internal sealed record WireChange(
    [property: JsonPropertyName("o")] char Op,
    [property: JsonPropertyName("t")] string? Topic,
    [property: JsonPropertyName("k")] string Key,
    [property: JsonPropertyName("c")] string? Connection,
    [property: JsonPropertyName("m")] WireMeta? Meta,
    [property: JsonPropertyName("st")] PresenceStatus? Status,
    [property: JsonPropertyName("at")] long? ChosenAt = null)
{
    public static WireChange From(PresenceReplicationMessage message) => message switch
    {
        MetaTracked t => new('t', t.Topic, t.Key, t.Meta.ConnectionId, WireMeta.From(t.Meta), null),
        MetaUntracked u => new('u', u.Topic, u.Key, u.ConnectionId, null, null),
        StatusChosen s => new('s', null, s.Key, null, null, s.Status),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a presence change."),
    };

    public PresenceReplicationMessage ToMessage(string node) => Op switch
    {
        't' => new MetaTracked(node, Topic!, Key, Meta!.ToMeta(node)),
        'u' => new MetaUntracked(node, Topic!, Key, Connection!),
        's' => new StatusChosen(node, Key, Status!.Value),
        _ => throw new FormatException($"Unknown presence change '{Op}'."),
    };

    /// <summary>A status choice as kept in the state hash: the status and when it was made (ms since 1970, the choosing node's clock).</summary>
    public string StatusValue => $"{Status}|{ChosenAt}";

    /// <summary>The state hash's field this change writes (a meta's or a chosen status's).</summary>
    public string Field => Op == 's' ? PresenceWire.StatusField(Key) : PresenceWire.MetaField(Topic!, Key, Connection!);
}

/// <summary>A meta without its node (the batch or the state hash says whose it is).</summary>
internal sealed record WireMeta(
    [property: JsonPropertyName("r")] long Ref,
    [property: JsonPropertyName("p")] long? PrevRef,
    [property: JsonPropertyName("c")] string Connection,
    [property: JsonPropertyName("j")] DateTimeOffset JoinedAt,
    [property: JsonPropertyName("s")] PresenceStatus Status,
    [property: JsonPropertyName("d")] bool Down,
    [property: JsonPropertyName("n")] string Name,
    [property: JsonPropertyName("a")] string? Color)
{
    public static WireMeta From(PresenceMeta m) =>
        new(m.Ref, m.PrevRef, m.ConnectionId, m.JoinedAt, m.Status, m.IsReconnecting, m.DisplayName, m.AvatarColor);

    public PresenceMeta ToMeta(string node) => new(Ref, PrevRef, Connection, node, JoinedAt, Status, Down, Name, Color);
}

internal static class PresenceWire
{
    public const string GenerationField = "gen";
    public const string SeqField = "seq";
    private const string MetaPrefix = "m:";
    private const string StatusPrefix = "s:";
    // Topic, key and connection ids never hold a unit separator.
    private const char Separator = '\u001f';

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string MetaField(string topic, string key, string connection) => $"{MetaPrefix}{topic}{Separator}{key}{Separator}{connection}";

    public static string StatusField(string key) => StatusPrefix + key;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new FormatException("An empty presence message.");

    /// <summary>A node's state as read from its hash: its generation, the seq it reflects, its metas and chosen statuses.</summary>
    public static NodeSnapshot? Parse(string node, IEnumerable<(string Field, string Value)> entries)
    {
        string? generation = null;
        long seq = 0;
        var metas = new List<MetaTracked>();
        var statuses = new Dictionary<string, (PresenceStatus Status, long At)>(StringComparer.Ordinal);
        foreach (var (field, value) in entries)
        {
            if (field == GenerationField)
            {
                generation = value;
            }
            else if (field == SeqField)
            {
                seq = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (field.StartsWith(MetaPrefix, StringComparison.Ordinal))
            {
                metas.Add((MetaTracked)Deserialize<WireChange>(value).ToMessage(node));
            }
            else if (field.StartsWith(StatusPrefix, StringComparison.Ordinal))
            {
                var parts = value.Split('|');
                statuses[field[StatusPrefix.Length..]] = (Enum.Parse<PresenceStatus>(parts[0]), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return generation is null ? null : new NodeSnapshot(generation, seq, metas, statuses);
    }
}

internal sealed record NodeSnapshot(string Generation, long Seq, IReadOnlyList<MetaTracked> Metas, IReadOnlyDictionary<string, (PresenceStatus Status, long At)> Statuses);
