using ChatApp.Web.Operations.Status;
using MudBlazor;
using MudBlazor.Charts;

namespace ChatApp.Web.Components.Pages.Admin;

/// <summary>
/// One chart of the status page: one series per instance shown (two, p50 and p99, for latency), at most
/// <see cref="NodeHistory.Capacity"/> points each, built once per sample.
/// </summary>
public sealed record StatusChartData(string Metric, string Title, List<ChartSeries<double>> Series, int Points)
{
    private static readonly (string Metric, string Title, (string Suffix, Func<StatusPoint, double?> Value)[] Lines)[] Definitions =
    [
        ("users-online", "Users online", [("", p => p.UsersOnline)]),
        ("tabs", "Tabs", [("", p => p.Tabs)]),
        ("messages-per-minute", "Messages per minute", [("", p => p.MessagesPerMinute)]),
        ("send-latency", "Send latency (ms)", [(" p50", p => p.SendLatencyP50?.TotalMilliseconds), (" p99", p => p.SendLatencyP99?.TotalMilliseconds)]),
        ("sign-in-failures", "Sign-in failures per minute", [("", p => p.SignInFailuresLastMinute)]),
    ];

    public static IReadOnlyList<StatusChartData> For(IReadOnlyList<NodeStatus> nodes) =>
    [
        .. Definitions.Select(d =>
        {
            var series = new List<ChartSeries<double>>();
            var most = 0;
            foreach (var node in nodes)
            {
                foreach (var (suffix, value) in d.Lines)
                {
                    // A missing value (no sends in that interval) is left out, not drawn as 0.
                    var points = node.Points
                        .Select(p => (p.At.UtcDateTime, Value: value(p)))
                        .Where(p => p.Value.HasValue)
                        .Select(p => new TimeValue<double>(p.UtcDateTime, p.Value!.Value))
                        .ToArray();
                    most = Math.Max(most, points.Length);
                    series.Add(new ChartSeries<double> { Name = node.NodeId + suffix, Data = points });
                }
            }
            return new StatusChartData(d.Metric, d.Title, series, most);
        }),
    ];
}
