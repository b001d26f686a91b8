using ChatApp.Core.Diagnostics;
using ChatApp.Core.Presence;
using ChatApp.Web.Operations.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatApp.Web.Hosting;

public static class ObservabilityExtensions
{
    /// <summary>The OpenTelemetry service name of every instance; instances differ by <c>service.instance.id</c>.</summary>
    public const string ServiceName = "chatapp";

    /// <summary>
    /// OpenTelemetry metrics: the app's meter (<see cref="ChatMetrics"/>), Blazor circuits, ASP.NET Core (requests,
    /// Kestrel, SignalR connections, rate limiting), Identity and the .NET runtime, on a resource that names the
    /// service and this instance (<c>Presence:NodeId</c>). Exported only where asked: the Prometheus scrape when
    /// <c>Metrics:Prometheus</c> is true (<see cref="MapChatMetrics"/>), OTLP when the SDK's own
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (then request traces and logs go there too). The exporters send in
    /// the background: an endpoint that is down costs a failed export, never a request.
    /// </summary>
    public static void AddChatObservability(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        services.AddChatMetrics();
        var prometheus = builder.Configuration.GetValue<bool>($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Prometheus)}");
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, autoGenerateServiceInstanceId: false)
                .AddDetector(sp => new NodeResourceDetector(sp.GetRequiredService<IOptions<PresenceOptions>>().Value.ResolvedNodeId)))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(
                        ChatMetrics.MeterName,
                        ChatMetrics.CircuitsMeterName,
                        "Microsoft.AspNetCore.Components",
                        "Microsoft.AspNetCore.Server.Kestrel",
                        "Microsoft.AspNetCore.Http.Connections",
                        "Microsoft.AspNetCore.Identity");
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            // Traces cost an activity per request, so only when they go somewhere.
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation());
            // Reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS, _TIMEOUT and the per-signal variants.
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>The Prometheus scrape at <c>/metrics</c> when <c>Metrics:Prometheus</c> is true; nothing otherwise.</summary>
    public static void MapChatMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Prometheus)
        {
            app.MapMetricsScrape();
        }
    }

    /// <summary><c>service.instance.id</c> = the presence node id, so metrics and presence name an instance alike.</summary>
    private sealed class NodeResourceDetector(string nodeId) : IResourceDetector
    {
        public Resource Detect() => new([new KeyValuePair<string, object>("service.instance.id", nodeId)]);
    }
}
