using System.Diagnostics;
using System.Globalization;

namespace ChatApp.LoadTest.Diagnostics;

/// <summary>
/// The repository's local tools (dotnet-tools.json) pointed at the app's process: dotnet-counters for the thread
/// pool's completed work items and the active timers, dotnet-gcdump for the managed heap after a forced full GC.
/// </summary>
public sealed class DiagnosticTools(int processId, string outputFolder)
{
    // Found when the tools are set up, so a run without them stops before it registers anyone, not after.
    private readonly string RepositoryRoot = FindRoot();

    /// <summary>Work items completed per second over the window (the counter's delta), and the timers alive at its end.</summary>
    public async Task<(double WorkItemsPerSecond, double Timers)> CountersAsync(int seconds)
    {
        var file = Path.Combine(outputFolder, $"counters-{DateTime.UtcNow:HHmmss}");
        await RunAsync("dotnet-counters", "collect", "-p", $"{processId}", "--counters", "System.Runtime", "--format", "csv",
            "-o", file, "--refresh-interval", "5", "--duration", TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture));
        var rows = File.ReadAllLines(file + ".csv").Skip(1).Select(l => l.Split(',')).Where(r => r.Length >= 5).ToList();
        double Last(string name) => rows.Where(r => r[2].StartsWith(name, StringComparison.Ordinal))
            .Select(r => double.Parse(r[4], CultureInfo.InvariantCulture)).LastOrDefault();
        var workItems = rows.Where(r => r[2].StartsWith("dotnet.thread_pool.work_item.count", StringComparison.Ordinal))
            .Select(r => double.Parse(r[4], CultureInfo.InvariantCulture)).ToList();
        // A counter's rows are its increase per refresh interval (5 s); the first row covers the time before the window.
        var perSecond = workItems.Count > 1 ? workItems.Skip(1).Average() / 5 : double.NaN;
        return (perSecond, Last("dotnet.timer.count"));
    }

    /// <summary>Heap size and per-type totals from a gcdump, which forces a full GC first.</summary>
    public async Task<(long HeapBytes, IReadOnlyDictionary<string, (long Bytes, long Count)> Types, string File)> GcDumpAsync(string name)
    {
        var file = Path.Combine(outputFolder, $"{name}.gcdump");
        await RunAsync("dotnet-gcdump", "collect", "-p", $"{processId}", "-o", file);
        var report = await RunAsync("dotnet-gcdump", "report", file);
        var types = GcDumpReport.Parse(report);
        return (GcDumpReport.Heap(report), types, file);
    }

    private async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "run", tool, "--", .. args])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
        }
        return await output;
    }

    private static string FindRoot()
    {
        // The build's folder is inside the repository unless it was built elsewhere (-o); then the current folder.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new Client.LoadTestException("The heap dump needs the repository's local tools: run from inside the repository (dotnet-tools.json not found).");
    }
}
