using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Chat.Reading;

/// <summary>
/// Live read marks, written together. A reader at the end of a room marks each message as it arrives, in every tab
/// they have open: written one by one, that was a database write per message per reading tab (a room of a thousand
/// readers, a thousand writes for each message, queued on the same write lock as the sends). Marks wait here for
/// <see cref="ChatOptions.ReadMarkDelay"/>, the furthest per person and room wins, and all of them are written in one
/// transaction; their tabs hear of the move after it was saved (<see cref="ReadPositionMoved"/>), as before. Marks not
/// yet written when the app stops are written then.
/// </summary>
public sealed partial class ReadMarks(ReadingService reading, IOptions<ChatOptions> options, TimeProvider time, ILogger<ReadMarks> logger)
    : IHostedService, IDisposable
{
    private readonly Lock gate = new();
    private Dictionary<(string UserId, int RoomId), ReadMarkWanted> pending = [];
    private ITimer? timer;

    /// <summary>Marks the access's room read up to <paramref name="seq"/> soon (within the delay).</summary>
    public void Mark(RoomAccess access, long seq)
    {
        lock (gate)
        {
            var key = (access.UserId, access.RoomId);
            if (!pending.TryGetValue(key, out var had) || had.Seq < seq)
            {
                pending[key] = new ReadMarkWanted(access, seq);
            }
            timer ??= time.CreateTimer(_ => _ = FlushAsync(), null, options.Value.ReadMarkDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes every mark waiting now, in one transaction.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        Dictionary<(string, int), ReadMarkWanted> batch;
        lock (gate)
        {
            (batch, pending) = (pending, []);
            timer?.Dispose();
            timer = null;
        }
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            await reading.MarkManyAsync(batch.Values, ct);
        }
        catch (Exception ex)
        {
            // Lost marks only mean a badge shows messages already read until the next mark; nothing the user sent.
            LogFailed(ex, batch.Count);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public void Dispose()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
        }
    }

    [LoggerMessage(1700, LogLevel.Warning, "Writing {Count} read marks failed")]
    private partial void LogFailed(Exception ex, int count);
}

/// <summary>A room marked read up to <paramref name="Seq"/> through <paramref name="Access"/>, waiting to be written.</summary>
public sealed record ReadMarkWanted(RoomAccess Access, long Seq);
