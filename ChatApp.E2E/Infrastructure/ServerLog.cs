using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatApp.E2E.Infrastructure;

/// <summary>One line the app under test logged, numbered in the order it arrived.</summary>
public sealed record ServerLogLine(long Sequence, DateTimeOffset At, LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception);

/// <summary>
/// Keeps what the app under test logs in memory, so a failing test can show the server's side of the same seconds.
/// Bounded: a long run keeps only the most recent lines.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private const int Capacity = 100_000;
    private readonly ConcurrentQueue<ServerLogLine> lines = new();
    private long next;

    /// <summary>The sequence number the next line will get: pass it to <see cref="Since"/> later.</summary>
    public long Mark() => Interlocked.Read(ref next);

    public IReadOnlyList<ServerLogLine> Since(long mark) => lines.Where(l => l.Sequence >= mark).OrderBy(l => l.Sequence).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        lines.Enqueue(new ServerLogLine(Interlocked.Increment(ref next) - 1, DateTimeOffset.UtcNow, level, category, eventId, message, exception));
        while (lines.Count > Capacity && lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Add(logLevel, category, eventId, formatter(state, exception), exception);
    }
}
