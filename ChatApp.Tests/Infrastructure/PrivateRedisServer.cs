using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatApp.Tests.Infrastructure;

/// <summary>
/// A redis-server of one test's own on a free loopback port, for what the shared test Redis must not suffer: being
/// stopped and started again (Redis dies, Redis comes back). Nothing is saved to disk: a restart is an empty Redis.
/// </summary>
public sealed class PrivateRedisServer : IDisposable
{
    private Process? process;

    public PrivateRedisServer()
    {
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    /// <summary>For <see cref="ChatApp.Redis.BackplaneOptions.Redis"/>: retries quickly, so tests see a return soon.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},connectTimeout=1000,connectRetry=1";

    public void Start()
    {
        if (process is { HasExited: false })
        {
            return;
        }
        process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server).");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var tries = 0; !Accepts(); tries++)
        {
            if (process.HasExited || tries > 100)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not come up.");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Kills the server at once (no shutdown, nothing kept), as a crash would.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
    }
}
