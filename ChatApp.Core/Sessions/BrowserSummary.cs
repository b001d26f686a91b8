namespace ChatApp.Core.Sessions;

/// <summary>Turns a User-Agent header into something a person recognises: "Chrome on Linux", "Safari on iOS".</summary>
public static class BrowserSummary
{
    // Order matters: Edge and Opera also claim to be Chrome, Chrome also claims to be Safari, Android is also Linux.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg", "Edge"), ("OPR/", "Opera"), ("Opera", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"), ("Version/", "Safari"), ("curl/", "curl"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown browser";
        }
        var browser = First(Browsers, userAgent) ?? "Unknown browser";
        var system = First(Systems, userAgent);
        var summary = system is null ? browser : $"{browser} on {system}";
        return summary.Length <= UserSession.BrowserMaxLength ? summary : summary[..UserSession.BrowserMaxLength];
    }

    private static string? First((string Token, string Name)[] candidates, string userAgent)
    {
        foreach (var (token, name) in candidates)
        {
            if (userAgent.Contains(token, StringComparison.Ordinal))
            {
                return name;
            }
        }
        return null;
    }
}
