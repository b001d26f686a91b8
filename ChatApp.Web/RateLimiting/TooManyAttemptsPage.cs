using System.Net;

namespace ChatApp.Web.RateLimiting;

/// <summary>
/// The answer to a refused attempt: a page a person can read, written by the rate limiter itself, because the
/// attempt never reaches the app's pages (which is the point: nothing of it is checked or counted).
/// </summary>
public static class TooManyAttemptsPage
{
    public static string Html(string what, string backPath, TimeSpan? retryAfter)
    {
        var wait = retryAfter is { } after && after > TimeSpan.Zero ? $"in {Describe(after)}" : "in a few minutes";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>Too many attempts - ChatApp</title>
            <style>
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f5f5f5; color: #212121; margin: 0; }
            main { max-width: 32rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
            h1 { font-size: 1.5rem; margin-top: 0; }
            a { color: #594ae2; }
            </style>
            </head>
            <body>
            <main data-testid="too-many-attempts">
            <h1>Too many attempts</h1>
            <p role="alert">There were too many {{WebUtility.HtmlEncode(what)}} attempts from your network in a short time. Please try again {{wait}}.</p>
            <p>This attempt was not checked, and it did not count against any account.</p>
            <p><a href="{{WebUtility.HtmlEncode(backPath)}}">Back</a></p>
            </main>
            </body>
            </html>
            """;
    }

    private static string Describe(TimeSpan after) => after.TotalSeconds < 90
        ? $"{Math.Ceiling(after.TotalSeconds):0} seconds"
        : $"{Math.Ceiling(after.TotalMinutes):0} minutes";
}
