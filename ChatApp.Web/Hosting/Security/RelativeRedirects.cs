namespace ChatApp.Web.Hosting.Security;

/// <summary>
/// ASP.NET builds redirects inside the app (sign-in challenges, Blazor's NavigateTo during a form post) as absolute
/// URLs from the request's Host header. Sent as paths instead, a redirect never repeats a Host that a client or a
/// misconfigured proxy made up, and it keeps the scheme the browser is really on (https behind a TLS proxy).
/// </summary>
internal static class RelativeRedirects
{
    public static void Apply(HttpContext context)
    {
        var response = context.Response;
        if (response.Headers.Location is not [{ } location]
            || !Uri.TryCreate(location, UriKind.Absolute, out var target))
        {
            return;
        }
        var request = context.Request;
        // Only redirects to this very site and scheme: leaving for another site, or from http to https, must stay absolute.
        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        var sameSite = string.Equals(target.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(target.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && target.Port == port;
        if (sameSite)
        {
            response.Headers.Location = target.PathAndQuery + target.Fragment;
        }
    }
}
