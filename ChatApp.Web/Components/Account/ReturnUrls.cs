namespace ChatApp.Web.Components.Account;

/// <summary>
/// Where a <c>ReturnUrl</c> may send someone after signing in, registering or signing out: only to a page of this
/// app. Anything else (another site, <c>//evil.com</c>, <c>/\evil.com</c>, <c>javascript:</c>) is ignored.
/// </summary>
public static class ReturnUrls
{
    public const string Default = "rooms";

    /// <summary>The address relative to <paramref name="baseUri"/> (the app's base, ending in '/'), or null when it is not ours.</summary>
    public static string? LocalPathOrNull(string? url, string baseUri)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }
        // Browsers drop or rewrite these (leading blanks, tabs inside "java\tscript:", backslashes as slashes),
        // which is how "local" checks get fooled; no address of ours needs them.
        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\'))
        {
            return null;
        }
        if (url.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase))
        {
            return Relative(url[baseUri.Length..]);
        }
        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }
        if (url.StartsWith('/'))
        {
            // The base's path ("/" or "/chat/"): a path outside it is not a page of this app.
            var basePath = new Uri(baseUri).AbsolutePath;
            return url.StartsWith(basePath, StringComparison.OrdinalIgnoreCase) || url + "/" == basePath
                ? Relative(url[Math.Min(basePath.Length, url.Length)..])
                : null;
        }
        // A relative path has no scheme: a ':' before the first '/', '?' or '#' makes it one ("https:", "javascript:").
        var end = url.IndexOfAny(['/', '?', '#']);
        return url.AsSpan(0, end < 0 ? url.Length : end).Contains(':') ? null : url;
    }

    /// <summary>What is left after the base must not start a new authority ("//evil.com" after the base's slash).</summary>
    private static string? Relative(string rest) => rest.StartsWith('/') ? null : rest;
}
