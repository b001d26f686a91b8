namespace ChatApp.Web.Hosting.Security;

/// <summary>The browser-side protections every response carries, error pages and static files included.</summary>
internal static class SecurityHeaders
{
    // The app's features that need none of these; passkeys (publickey-credentials-*) keep their default, 'self'.
    private const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>
    /// Scripts only from this site, plus the import map carrying this response's nonce. Styles also allow
    /// 'unsafe-inline' because MudBlazor renders its theme as a &lt;style&gt; element and positions popovers,
    /// drawers and progress through style attributes, neither of which can carry a nonce; scripts stay strict,
    /// which is what stops injected code. connect-src 'self' covers the circuit's WebSocket on the same host
    /// (ws: and wss: match 'self' in CSP Level 3).
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "frame-ancestors 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var nonce = CspNonce.Create(context);
        // Set when the response starts, not now: an exception handler clears the headers before it renders /Error.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            RelativeRedirects.Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    });
}
