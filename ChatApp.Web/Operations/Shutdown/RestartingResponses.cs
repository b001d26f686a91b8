namespace ChatApp.Web.Operations.Shutdown;

/// <summary>
/// While the app stops: a new circuit (or an old tab's reconnect) on <c>/_blazor</c> gets 503 with Retry-After, which
/// Blazor's reconnection treats as "try again" (the tab's notice and reconnect dialog say why), and a page load gets a
/// small 503 page that reloads itself, since a page whose circuit is refused would stay blank. Health probes, static
/// files and everything else pass: the app still answers until it exits.
/// </summary>
internal static class RestartingResponses
{
    public const int RetryAfterSeconds = 5;

    private static readonly string Page = $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8" /><meta http-equiv="refresh" content="{{RetryAfterSeconds}}" />
        <title>ChatApp is restarting</title></head>
        <body><p data-testid="server-restarting-page">ChatApp is restarting… this page reloads by itself in a few seconds.</p></body></html>
        """;

    public static IApplicationBuilder UseRestartingResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var shutdown = context.RequestServices.GetRequiredService<GracefulShutdown>();
        if (!shutdown.IsStopping || !(IsCircuit(context.Request) || IsPageLoad(context.Request)))
        {
            await next(context);
            return;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        response.Headers.CacheControl = "no-store";
        if (IsCircuit(context.Request))
        {
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("ChatApp is restarting.");
            return;
        }
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(Page);
    });

    private static bool IsCircuit(HttpRequest request) => request.Path.StartsWithSegments("/_blazor");

    private static bool IsPageLoad(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/health")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
