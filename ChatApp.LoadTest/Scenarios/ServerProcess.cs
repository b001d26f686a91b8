using System.Globalization;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>
/// The server's resident memory and CPU time read from /proc (Linux). The app exposes no managed-heap figure over
/// HTTP, so RSS is what an outside client can report; it includes the runtime and GC headroom.
/// </summary>
public sealed class ServerProcess(int pid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public int Pid { get; } = pid;

    public long? RssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>User plus system CPU seconds the process has used so far.</summary>
    public double? CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="body"/> and returns the server's CPU over the wall time it took (null without /proc).</summary>
    public async Task<CpuWindow?> MeasureAsync(Func<Task> body)
    {
        var cpuStart = CpuSeconds();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await body();
        var cpuEnd = CpuSeconds();
        return cpuStart is double a && cpuEnd is double b ? new CpuWindow(b - a, clock.Elapsed.TotalSeconds) : null;
    }
}
