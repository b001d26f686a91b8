using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatApp.Web.Operations.Health;

/// <summary>
/// What a health probe answers: anyone gets the status word (and 200 or 503), an operator (<see cref="OperatorAccess"/>)
/// gets every check with its description, duration and details as JSON. Nothing secret is in either: checks put
/// counts and states in their details, never a connection string. Never cached: a probe must see now.
/// </summary>
internal static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!await OperatorAccess.IsOperatorAsync(context))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(report.Status.ToString());
            return;
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(Describe(report), Json));
    }

    private static object Describe(HealthReport report) => new
    {
        status = report.Status.ToString(),
        durationMilliseconds = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
        checks = report.Entries.ToDictionary(e => e.Key, e => new
        {
            status = e.Value.Status.ToString(),
            description = e.Value.Description,
            durationMilliseconds = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            error = e.Value.Exception is { } ex ? $"{ex.GetType().Name}: {ex.Message}" : null,
            data = e.Value.Data,
        }),
    };
}
