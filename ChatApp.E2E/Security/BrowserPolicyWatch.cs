using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ChatApp.E2E.Security;

/// <summary>
/// Collects every complaint the browser makes about this site's Content-Security-Policy or Permissions-Policy in a
/// browser context: console messages and securitypolicyviolation events, on every page and after every navigation.
/// </summary>
public sealed class BrowserPolicyWatch
{
    private readonly ConcurrentQueue<string> complaints = new();

    public IReadOnlyCollection<string> Complaints => complaints;

    public static async Task<BrowserPolicyWatch> AttachAsync(IBrowserContext context)
    {
        var watch = new BrowserPolicyWatch();
        await context.ExposeFunctionAsync("__chatappPolicyViolation", (string report) => watch.complaints.Enqueue($"securitypolicyviolation: {report}"));
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              window.__chatappPolicyViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`));
            """);
        context.Console += (_, message) =>
        {
            if (IsAboutPolicy(message.Text))
            {
                watch.complaints.Enqueue($"console {message.Type} on {message.Page?.Url}: {message.Text}");
            }
        };
        return watch;
    }

    private static bool IsAboutPolicy(string text) =>
        text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Permissions Policy", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Refused to", StringComparison.OrdinalIgnoreCase);

    public void AssertNone() =>
        Assert.True(complaints.IsEmpty, "The browser objected to the site's policies:\n" + string.Join("\n", complaints));
}
