using OpenTelemetry.Metrics;

namespace ChatApp.Web.Operations.Metrics;

/// <summary>
/// The Prometheus scrape, for operators only. Anyone else gets the same 404 as when the scrape is off, so a stranger
/// learns neither the numbers nor whether they are served. Never rate limited (a scraper polls on its own schedule,
/// and the form limiters only count posts anyway) and never cached by anything between the app and the scraper.
/// </summary>
public static class MetricsScrapeEndpoint
{
    public static void MapMetricsScrape(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(
                MetricsOptions.ScrapePath,
                meterProvider: null,
                configureBranchedPipeline: scrape => scrape.Use(OperatorsOnlyAsync),
                optionsName: null)
            .DisableRateLimiting();

    private static async Task OperatorsOnlyAsync(HttpContext context, RequestDelegate next)
    {
        if (!await OperatorAccess.IsOperatorAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.Headers.CacheControl = "no-store";
        await next(context);
    }
}
