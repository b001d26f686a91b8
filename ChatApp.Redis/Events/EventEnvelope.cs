using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using ChatApp.Core.Events;

namespace ChatApp.Redis.Events;

/// <summary>
/// What one bus message on Redis carries: <c>{"node": the publishing node, "type": the event type's name, "event": the
/// record as System.Text.Json}</c>, or a gap notice <c>{"node": …, "gap": true}</c>. What comes from Redis is
/// untrusted input: a type is made only from the fixed map of ChatApp.Core's <see cref="ChatEvent"/> records, nulls
/// where a record has none and missing constructor values are refused, and anything else is an
/// <see cref="InvalidDataException"/> or <see cref="JsonException"/> for the receiver to log and drop.
/// </summary>
internal static class EventEnvelope
{
    /// <summary>Far above any real event (a message is at most 4,000 characters); a bigger one is not ours.</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 16,
    };

    /// <summary>Built once: the only types ever made from Redis's content, by their short name (unique, tested).</summary>
    public static FrozenDictionary<string, Type> Types { get; } = typeof(ChatEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ChatEvent)) && !t.IsAbstract)
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static byte[] ForEvent(string node, ChatEvent @event)
    {
        var type = @event.GetType();
        if (!Types.TryGetValue(type.Name, out var known) || known != type)
        {
            throw new ArgumentException($"{type.FullName} is not an event of ChatApp.Core: no other node could read it.", nameof(@event));
        }
        return Write(node, writer =>
        {
            writer.WriteString("type", type.Name);
            writer.WritePropertyName("event");
            JsonSerializer.Serialize(writer, @event, type, Json);
        });
    }

    public static byte[] ForGap(string node) => Write(node, writer => writer.WriteBoolean("gap", true));

    private static byte[] Write(string node, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("node", node);
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The envelope's content; <see cref="Received.Event"/> is null for a gap notice.</summary>
    public static Received Read(ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > MaxBytes)
        {
            throw new InvalidDataException($"{payload.Length:N0} bytes, more than any event ({MaxBytes:N0})");
        }
        using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = Json.MaxDepth });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("not a JSON object");
        }
        var node = Text(root, "node");
        if (root.TryGetProperty("gap", out var gap))
        {
            return gap.ValueKind == JsonValueKind.True ? new Received(node, null) : throw new InvalidDataException("a gap notice that is not 'true'");
        }
        var typeName = Text(root, "type");
        if (!Types.TryGetValue(typeName, out var type))
        {
            throw new InvalidDataException($"'{typeName}' is not an event type");
        }
        if (!root.TryGetProperty("event", out var body) || body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"a {typeName} without its event");
        }
        var @event = body.Deserialize(type, Json) as ChatEvent ?? throw new InvalidDataException($"an empty {typeName}");
        return new Received(node, @event);
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"no '{name}'");

    public sealed record Received(string Node, ChatEvent? Event);
}
