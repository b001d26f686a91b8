using Microsoft.Extensions.Logging;

namespace ChatApp.Tests.Infrastructure;

/// <summary>Keeps every log entry written through it, for tests that check what an operator is told.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly Lock gate = new();
    private readonly List<LogEntry> entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>Forgets what was logged so far (e.g. a first start's, when the test is about a restart).</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (gate)
        {
            entries.Add(entry);
        }
    }

    public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception, EventId EventId = default);

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new LogEntry(category, logLevel, formatter(state, exception), exception, eventId));
    }
}
