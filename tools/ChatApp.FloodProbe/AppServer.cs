using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatApp.FloodProbe;

/// <summary>The published app in Production on a free loopback port, with a database of its own; its CPU from /proc.</summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataFolder;

    private AppServer(Process process, string baseUrl, string dataFolder)
    {
        this.process = process;
        BaseUrl = baseUrl;
        this.dataFolder = dataFolder;
    }

    public string BaseUrl { get; }

    public int ProcessId => process.Id;

    public static async Task<AppServer> StartAsync(string appDll)
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("chatapp-flood-").FullName;
        var start = new ProcessStartInfo("dotnet", [appDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(appDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(data, "chatapp.db")}";
        start.Environment["DataProtection__KeysPath"] = Path.Combine(data, "keys");
        // The round trips are measured with one message after another: the per-user send limit (10 per 10 s) would
        // pace them instead. The star and activity throttles, which the flood is about, stay at their defaults.
        start.Environment["Chat__SendLimitCount"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[app] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(process, $"http://localhost:{port}", data);
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync($"{server.BaseUrl}/Account/Login")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (i < 600)
            {
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>CPU seconds the app's process has used so far (user + system), from /proc/&lt;pid&gt;/stat.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const double ticksPerSecond = 100; // USER_HZ, 100 on Linux (getconf CLK_TCK)
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / ticksPerSecond;
    }

    /// <summary>The app's resident memory (VmRSS in /proc/&lt;pid&gt;/status), in bytes.</summary>
    public long RssBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(dataFolder, recursive: true);
    }
}
