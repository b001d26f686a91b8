using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.Logging;

namespace ChatApp.Benchmarks.FanOut;

/// <summary>
/// One tab's renderer, as the server has one per circuit: its own dispatcher, the framework's diffing, and every
/// batch serialized with the framework's own <c>RenderBatchWriter</c> (what <c>RemoteRenderer</c> does before it
/// sends a batch), so a render costs here what it costs a circuit short of the socket write.
/// </summary>
internal sealed class TabRenderer(IServiceProvider services, ILoggerFactory loggers, Action<TabRenderer, RenderBatch> onBatch)
    : Renderer(services, loggers)
{
    private delegate void WriteBatch(Stream output, in RenderBatch batch);

    private static readonly WriteBatch Write = CompileWriter();
    private readonly MemoryStream output = new();

    public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

    /// <summary>Bytes of every batch serialized so far.</summary>
    public long BytesWritten { get; private set; }

    public Exception? Failure { get; private set; }

    public Task RenderAsync(IComponent root, ParameterView parameters) =>
        Dispatcher.InvokeAsync(() => RenderRootComponentAsync(AssignRootComponentId(root), parameters));

    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
    {
        output.SetLength(0);
        Write(output, renderBatch);
        BytesWritten += output.Length;
        onBatch(this, renderBatch);
        return Task.CompletedTask;
    }

    protected override void HandleException(Exception exception) => Failure ??= exception;

    /// <summary>
    /// <c>new RenderBatchWriter(output, leaveOpen: true).Write(in batch)</c>, compiled once: the writer is internal to
    /// Microsoft.AspNetCore.Components.Server, and a compiled call costs what a direct one does (reflection's Invoke
    /// would add boxing per batch).
    /// </summary>
    private static WriteBatch CompileWriter()
    {
        var type = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly
            .GetType("Microsoft.AspNetCore.Components.Server.Circuits.RenderBatchWriter", throwOnError: true)!;
        var constructor = type.GetConstructor([typeof(Stream), typeof(bool)])!;
        var write = type.GetMethod("Write", BindingFlags.Public | BindingFlags.Instance, [typeof(RenderBatch).MakeByRefType()])!;
        var dispose = type.GetMethod("Dispose")!;
        var stream = Expression.Parameter(typeof(Stream), "output");
        var batch = Expression.Parameter(typeof(RenderBatch).MakeByRefType(), "batch");
        var writer = Expression.Variable(type, "writer");
        var body = Expression.Block([writer],
            Expression.Assign(writer, Expression.New(constructor, stream, Expression.Constant(true))),
            Expression.Call(writer, write, batch),
            Expression.Call(writer, dispose));
        return Expression.Lambda<WriteBatch>(body, stream, batch).Compile();
    }
}
