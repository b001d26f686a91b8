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

    public static readonly (string Email, string Password) Admin = ("root@example.test", "Tangerine-Kite-42");

    private readonly string root = Path.Combine(Path.GetTempPath(), $"chatapp-published-{Guid.NewGuid():N}");
    private readonly StringBuilder output = new();
    private AppProcess? app;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>What the publish and the app wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output { get { lock (output) { return output.ToString() + app?.Output; } } }

    public async Task InitializeAsync()
    {
        var publishDir = Path.Combine(root, "out");
        await PublishAsync(publishDir);
        var port = KestrelAppFactory.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        app = await StartAsync(publishDir);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHATAPP_CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private async Task PublishAsync(string publishDir)
    {
        var project = Path.Combine(AppProcess.RepositoryRoot(), "ChatApp.Web", "ChatApp.Web.csproj");
        // --no-restore: the test build restored already, and a restore would rewrite files a parallel build reads.
        var publish = AppProcess.Dotnet(["publish", project, "-c", "Release", "-o", publishDir, "--no-restore", "-nologo"], AppProcess.RepositoryRoot(), Append);
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

    private Task<AppProcess> StartAsync(string publishDir) =>
        AppProcess.StartAsync(Path.Combine(publishDir, "ChatApp.Web.dll"), BaseUrl, root, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(root, "chat.db")}",
            ["DataProtection__KeysPath"] = Path.Combine(root, "keys"),
            ["Admin__Email"] = Admin.Email,
            ["Admin__Password"] = Admin.Password,
            ["Admin__DisplayName"] = "Root",
        });

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

    public async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }
        if (app is not null)
        {
            await app.DisposeAsync();
        }
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
