using System.Diagnostics;
using System.Text;

namespace ChatApp.E2E.Infrastructure;

/// <summary>
/// The app in a process of its own (<c>dotnet ChatApp.Web.dll</c>), for what an in-process host cannot show: a
/// published build as it ships, or an instance killed outright as a crash kills it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    private readonly StringBuilder output = new();
    private readonly Process process;

    private AppProcess(string dll, string baseUrl, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        BaseUrl = baseUrl;
        process = Dotnet([dll, "--urls", baseUrl], workingDirectory, Append);
        foreach (var (key, value) in environment)
        {
            process.StartInfo.Environment[key] = value;
        }
    }

    public string BaseUrl { get; }

    /// <summary>What the app wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output { get { lock (output) { return output.ToString(); } } }

    /// <summary>Starts the app and returns once it answers http.</summary>
    public static async Task<AppProcess> StartAsync(
        string dll, string baseUrl, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var app = new AppProcess(dll, baseUrl, workingDirectory, environment);
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        await app.WaitUntilAnsweringAsync();
        return app;
    }

    /// <summary>
    /// A <c>dotnet</c> process (not started) whose output goes to <paramref name="append"/>, without the test run's own
    /// ASP.NET and MSBuild settings, which must not leak into the app or the build it starts.
    /// </summary>
    public static Process Dotnet(string[] args, string workingDirectory, Action<string?> append)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => append(e.Data);
        process.ErrorDataReceived += (_, e) => append(e.Data);
        return process;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatApp.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ChatApp.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// The app as this test run built it (ChatApp.Web/bin/{Debug|Release}/net10.0), for a process started in
    /// Development, which serves the static files from the source folders as `dotnet run` does.
    /// </summary>
    public static string BuiltApp()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        return Path.Combine(RepositoryRoot(), "ChatApp.Web", "bin", configuration, framework, "ChatApp.Web.dll");
    }

    /// <summary>SIGKILL, as a crash or an out-of-memory kill ends it: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app stopped ({process.ExitCode}).\n{Output}");
            }
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/Account/Login")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting on a busy machine.
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The app did not answer within {StartLimit}.\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
