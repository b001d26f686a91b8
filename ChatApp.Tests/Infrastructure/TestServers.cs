using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ChatApp.Tests.Infrastructure;

/// <summary>
/// The real servers some tests need (PostgreSQL, Redis): named by <c>CHATAPP_TEST_POSTGRES</c> and
/// <c>CHATAPP_TEST_REDIS</c> (`.ci/run` starts them with `tools/test-servers.sh`); unset, the first test that needs
/// one starts that script's private servers (and leaves them running for the next run). Fails, never skips: a test
/// that needs a server and has none has shown nothing.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "CHATAPP_TEST_POSTGRES";
    public const string RedisVariable = "CHATAPP_TEST_REDIS";

    private static readonly Lazy<string> StartOutput = new(Start);

    /// <summary>A PostgreSQL server's connection string (no database named).</summary>
    public static string Postgres => Server(PostgresVariable);

    /// <summary>A Redis server's StackExchange.Redis connection string.</summary>
    public static string Redis => Server(RedisVariable);

    private static string Server(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set)
        {
            return set;
        }
        var export = Regex.Match(StartOutput.Value, $@"{variable}='([^']+)'");
        return export.Success
            ? export.Groups[1].Value
            : throw new InvalidOperationException($"tools/test-servers.sh started no server for {variable}.");
    }

    private static string Start()
    {
        var script = FindScript("tools/test-servers.sh");
        var start = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = start.StandardOutput.ReadToEndAsync();
        var errors = start.StandardError.ReadToEnd();
        start.WaitForExit();
        return start.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException(
                $"These tests run on PostgreSQL and Redis: set {PostgresVariable} and {RedisVariable}, or install both for " +
                $"`bash {script} start` (it said: {errors.Trim()})");
    }

    private static string FindScript(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, relative)))
            {
                return Path.Combine(folder.FullName, relative);
            }
        }
        throw new InvalidOperationException($"{relative} not found above {AppContext.BaseDirectory}.");
    }
}
