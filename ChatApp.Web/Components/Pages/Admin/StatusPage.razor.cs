using System.Globalization;
using ChatApp.Web.Operations.Status;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Components.Pages.Admin;

/// <summary>
/// The live status of every instance: current figures and the last hour's charts. The page has no timer: it
/// listens to this instance's <see cref="StatusBoard"/> (which every instance's sampler feeds through the bus) and
/// renders once per sample that arrives.
/// </summary>
public sealed partial class StatusPage
{
    private IDisposable? samples;
    private StatusView view = StatusView.Empty;
    private string? selected; // null: every live instance
    private IReadOnlyList<StatusChartData> charts = [];

    [Inject]
    private StatusBoard Board { get; set; } = default!;

    [Inject]
    private IOptions<StatusOptions> Options { get; set; } = default!;

    private TimeSpan SampleEvery => Options.Value.SampleEvery;

    protected override Task LoadAsync()
    {
        samples ??= Board.Subscribe(() => _ = InvokeAsync(() =>
        {
            Show(Board.Current);
            StateHasChanged();
        }));
        Show(Board.Current);
        return Task.CompletedTask;
    }

    private void Show(StatusView latest)
    {
        view = latest;
        charts = StatusChartData.For(Shown());
    }

    private void Select(string? nodeId)
    {
        selected = nodeId;
        Show(view);
    }

    private IReadOnlyList<NodeStatus> Shown() => selected is null
        ? [.. view.Nodes.Where(n => !n.IsDown)]
        : [.. view.Nodes.Where(n => n.NodeId == selected)];

    private IEnumerable<(string Metric, string Label, string Value)> Figures()
    {
        var now = StatusSummary.Of(Shown());
        yield return ("users-online", "Users online", Count(now.UsersOnline));
        yield return ("tabs", "Tabs", Count(now.Tabs));
        yield return ("circuits", "Circuits open", Count(now.Circuits));
        yield return ("messages-per-minute", "Messages per minute", Count(now.MessagesPerMinute));
        yield return ("send-latency-p50", "Send latency p50", Duration(now.SendLatencyP50));
        yield return ("send-latency-p99", "Send latency p99", Duration(now.SendLatencyP99));
        yield return ("sign-in-failures", "Sign-in failures, last minute", Count(now.SignInFailuresLastMinute));
        yield return ("sign-in-failures-hour", "Sign-in failures, last hour", Count(now.SignInFailuresLastHour));
        yield return ("rate-limit-refusals", "Rate-limit refusals, last minute", Count(now.RateLimitRefusalsLastMinute));
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    // No sends in the last interval: nothing to measure, which is not the same as 0 ms.
    private static string Duration(TimeSpan? value) => value is { } d
        ? d.TotalMilliseconds.ToString(d.TotalMilliseconds < 10 ? "0.00" : "0.#", CultureInfo.InvariantCulture) + " ms"
        : "–";

    public override void Dispose()
    {
        samples?.Dispose();
        base.Dispose();
    }
}
