using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;

namespace ChatApp.E2E.Infrastructure;

/// <summary>
/// The app exactly as the README deploys it: <c>dotnet publish ChatApp.Web -c Release -o out</c>, then
/// <c>dotnet out/ChatApp.Web.dll</c> in Production, started from another folder, on plain http, with its own SQLite
/// file, keys folder and administrator. A file missing from the published output shows up here, not in production.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    public static readonly (string Email, string Password) Admin = ("root@example.test", "Tangerine-Kite-42");

    private readonly string root = Path.Combine(Path.GetTempPath(), $"chatapp-published-{Guid.NewGuid():N}");
    private readonly StringBuilder output = new();
    private Process? app;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>What the app wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output { get { lock (output) { return output.ToString(); } } }

    public async Task InitializeAsync()
    {
        var publishDir = Path.Combine(root, "out");
        await PublishAsync(publishDir);
        var port = KestrelAppFactory.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        app = Start(publishDir, port);
        await WaitUntilAnsweringAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHATAPP_CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private static string RepositoryRoot()
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

    private async Task PublishAsync(string publishDir)
    {
        var project = Path.Combine(RepositoryRoot(), "ChatApp.Web", "ChatApp.Web.csproj");
        // --no-restore: the test build restored already, and a restore would rewrite files a parallel build reads.
        var publish = Dotnet(["publish", project, "-c", "Release", "-o", publishDir, "--no-restore", "-nologo"], RepositoryRoot());
        publish.Start();
        publish.BeginOutputReadLine();
        publish.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(PublishLimit);
        try
        {
            await publish.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish took longer than {PublishLimit}.\n{Output}");
        }
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}).\n{Output}");
        }
    }

    private Process Start(string publishDir, int port)
    {
        var process = Dotnet([Path.Combine(publishDir, "ChatApp.Web.dll"), "--urls", BaseUrl], workingDirectory: root);
        var env = process.StartInfo.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ConnectionStrings__Default"] = $"Data Source={Path.Combine(root, "chat.db")}";
        env["DataProtection__KeysPath"] = Path.Combine(root, "keys");
        env["Admin__Email"] = Admin.Email;
        env["Admin__Password"] = Admin.Password;
        env["Admin__DisplayName"] = "Root";
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private Process Dotnet(string[] args, string workingDirectory)
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
        // The test run's own settings must not leak into the app or the build it starts.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        return process;
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
            if (app!.HasExited)
            {
                throw new InvalidOperationException($"The published app stopped ({app.ExitCode}).\n{Output}");
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
        throw new TimeoutException($"The published app did not answer within {StartLimit}.\n{Output}");
    }

    public async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }
        if (app is { HasExited: false })
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
        app?.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's clean-up.
        }
    }
}
