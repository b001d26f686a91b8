using System.Buffers.Binary;
using System.Text;

namespace ChatApp.LoadTest.Protocol;

/// <summary>One reference frame of a render batch (20 bytes on the wire: a type and four 32-bit words).</summary>
public readonly record struct Frame(int Type, int A, int B, ulong HandlerId);

public readonly record struct Edit(int Type, int SiblingIndex, int ReferenceFrameIndex, int RemovedAttributeNameIndex);

public sealed record ComponentDiff(int ComponentId, Edit[] Edits);

/// <summary>
/// A render batch decoded from the server's binary form (aspnetcore RenderBatchWriter; read in the browser by
/// OutOfProcessRenderBatch.ts). Everything little-endian; strings are BinaryWriter strings behind a location table.
/// </summary>
public sealed class RenderBatch
{
    public const int FrameText = 2, FrameElement = 1, FrameAttribute = 3, FrameComponent = 4, FrameRegion = 5,
        FrameElementReferenceCapture = 6, FrameMarkup = 8;

    private readonly byte[] data;
    private readonly int stringTableOffset;
    private readonly string?[] strings;

    public IReadOnlyList<ComponentDiff> Diffs { get; }
    public Frame[] Frames { get; }
    public int[] DisposedComponentIds { get; }
    public ulong[] DisposedEventHandlerIds { get; }

    public RenderBatch(byte[] data)
    {
        this.data = data;
        var trailer = data.Length - 20;
        int updated = Int(trailer), references = Int(trailer + 4), disposedComponents = Int(trailer + 8),
            disposedHandlers = Int(trailer + 12);
        stringTableOffset = Int(trailer + 16);
        strings = new string?[(trailer - stringTableOffset) / 4];

        var diffCount = Int(updated);
        var diffs = new ComponentDiff[diffCount];
        for (var i = 0; i < diffCount; i++)
        {
            var position = Int(updated + 4 + 4 * i);
            var editCount = Int(position + 4);
            var edits = new Edit[editCount];
            for (var e = 0; e < editCount; e++)
            {
                var at = position + 8 + 16 * e;
                edits[e] = new Edit(Int(at), Int(at + 4), Int(at + 8), Int(at + 12));
            }
            diffs[i] = new ComponentDiff(Int(position), edits);
        }
        Diffs = diffs;

        var frameCount = Int(references);
        Frames = new Frame[frameCount];
        for (var i = 0; i < frameCount; i++)
        {
            var at = references + 4 + 20 * i;
            Frames[i] = new Frame(Int(at), Int(at + 4), Int(at + 8), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at + 12)));
        }

        DisposedComponentIds = new int[Int(disposedComponents)];
        for (var i = 0; i < DisposedComponentIds.Length; i++)
        {
            DisposedComponentIds[i] = Int(disposedComponents + 4 + 4 * i);
        }
        DisposedEventHandlerIds = new ulong[Int(disposedHandlers)];
        for (var i = 0; i < DisposedEventHandlerIds.Length; i++)
        {
            DisposedEventHandlerIds[i] = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(disposedHandlers + 4 + 8 * i));
        }
    }

    /// <summary>The string at <paramref name="index"/> in the table; -1 means null.</summary>
    public string? String(int index)
    {
        if (index < 0)
        {
            return null;
        }
        return strings[index] ??= ReadString(Int(stringTableOffset + 4 * index));
    }

    private string ReadString(int position)
    {
        // BinaryWriter's 7-bit encoded length, then UTF-8 bytes.
        int length = 0, shift = 0;
        byte b;
        do
        {
            b = data[position++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return Dom.SharedStrings.Share(Encoding.UTF8.GetString(data, position, length));
    }

    private int Int(int at) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));
}
