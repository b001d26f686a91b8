using System.Globalization;
using System.Text.Json;
using ChatApp.Tests.Integration.Accounts;

namespace ChatApp.Tests.Operations;

/// <summary>Tests that replace the process's console: nothing else may run meanwhile.</summary>
[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCapture;

/// <summary>
/// `Logging:Console:FormatterName=json`, as an operator sets it: what the app writes to stdout is JSON lines a log
/// shipper reads, with event ids, times in UTC, the ids in scope, and no email.
/// </summary>
[Collection(nameof(ConsoleCapture))]
public sealed class LoggingJsonConsoleTests
{
    [Fact]
    public async Task WithTheJsonConsoleAFailedSignInIsAJsonLineWithItsEventIdTheAccountIdInScopeAndNoEmail()
    {
        var stdout = new StringWriter();
        var original = Console.Out;
        string accountId;
        // The console logger takes the console's writer when the app starts, so it is swapped before.
        Console.SetOut(TextWriter.Synchronized(stdout));
        try
        {
            var host = new AccountTestHost(new Dictionary<string, string> { ["Logging:Console:FormatterName"] = "json" });
            await using (host)
            {
                var bob = await host.CreateUserAsync("Bob");
                accountId = bob.Id;
                await host.Client().SignInAsync("bob@example.test", "Wrong-Password-For-Bob");
            }
            // Disposing the app flushed its console queue.
        }
        finally
        {
            Console.SetOut(original);
        }

        var written = stdout.ToString();
        var failure = written.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(entry => entry.GetProperty("EventId").GetInt32() == 2001);

        Assert.Equal("Warning", failure.GetProperty("LogLevel").GetString());
        Assert.Contains(accountId, failure.GetProperty("Message").GetString());
        var timestamp = failure.GetProperty("Timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp);
        Assert.Equal(TimeSpan.Zero, DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).Offset);
        Assert.Contains(failure.GetProperty("Scopes").EnumerateArray(),
            scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("UserId", out var id) && id.GetString() == accountId);
        Assert.DoesNotContain("bob@example.test", written, StringComparison.OrdinalIgnoreCase);
    }
}
