namespace ChatApp.Web.Operations.Metrics;

/// <summary>Bound from the <c>Metrics</c> configuration section. OTLP export is configured by the SDK's own variables.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// Serves the Prometheus scrape at <see cref="ScrapePath"/> to operators (a caller on the machine or a signed-in
    /// administrator, see <see cref="OperatorAccess"/>). Off by default: <c>/metrics</c> then answers 404.
    /// </summary>
    public bool Prometheus { get; set; }

    public const string ScrapePath = "/metrics";
}
