using System.Net;

namespace ChatApp.Web.Hosting.Security;

/// <summary>
/// Who may see how the app failed. In Development, the developer exception page (added by ASP.NET itself, outermost)
/// and the migrations endpoint serve only requests from this machine's loopback; everyone else, in every
/// environment, gets the plain /Error page: no stack trace, file path or database message.
/// </summary>
internal static class ErrorPages
{
    /// <summary>After forwarded headers: behind a proxy this is the client's address, not the proxy's.</summary>
    public static bool IsLocalDeveloper(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    public static void UseChatErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            UseGenericErrors(app);
            return;
        }
        app.UseWhen(IsLocalDeveloper, developer => developer.UseMigrationsEndPoint());
        app.UseWhen(context => !IsLocalDeveloper(context), UseGenericErrors);
    }

    private static void UseGenericErrors(IApplicationBuilder app)
    {
        app.Use(LastResortAsync);
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
    }

    /// <summary>
    /// When rendering /Error fails too, the exception handler rethrows the original exception; in Development the
    /// developer exception page further out would then show it to anyone. This answers with a bare 500 instead.
    /// </summary>
    private static async Task LastResortAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(ErrorPages)).LogError(error, "The error page could not be shown for {Path}", context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Sorry, something went wrong on our side. Please try again.");
        }
    }
}
