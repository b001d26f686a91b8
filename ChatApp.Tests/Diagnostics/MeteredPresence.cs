using System.Diagnostics.Metrics;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Presence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Diagnostics;

/// <summary>
/// A presence engine on a fake clock that records into the app's instruments, read back by name through a meter
/// factory of its own (so tests running at once never see each other's numbers).
/// </summary>
internal sealed class MeteredPresence : IDisposable
{
    private readonly ServiceProvider services;

    public MeteredPresence(Action<PresenceOptions>? configure = null)
    {
        services = new ServiceCollection().AddChatMetrics().BuildServiceProvider();
        Options = new PresenceOptions { NodeId = "node-a" };
        configure?.Invoke(Options);
        Metrics = services.GetRequiredService<ChatMetrics>();
        Tracker = new PresenceTracker(Time, Microsoft.Extensions.Options.Options.Create(Options), metrics: Metrics);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public PresenceOptions Options { get; }

    public ChatMetrics Metrics { get; }

    public PresenceTracker Tracker { get; }

    public IMeterFactory Meters => services.GetRequiredService<IMeterFactory>();

    /// <summary>Collects one of the app's instruments by its name, as any reader (the status page, an exporter) does.</summary>
    public MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(Meters, ChatMetrics.MeterName, instrument);

    public PresenceMeta Track(string topic, string key, string connectionId, PresenceStatus? status = null) =>
        Tracker.Track(topic, key, connectionId, new PresenceInfo(key.ToUpperInvariant()), status);

    /// <summary>Lets one diff tick pass (flushing what is pending) and waits until every subscriber has been handed it.</summary>
    public async Task Settle()
    {
        Time.Advance(Options.DiffTick);
        await Tracker.WhenDelivered().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        Tracker.Dispose();
        services.Dispose();
    }
}

internal static class Collected
{
    public static long Sum(this MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);

    /// <summary>Reads the observable gauges now and returns the value this node reported.</summary>
    public static int Observe(this MetricCollector<int> gauge, string node)
    {
        gauge.RecordObservableInstruments();
        var last = gauge.LastMeasurement ?? throw new InvalidOperationException("The gauge reported nothing.");
        Assert.Equal(node, last.Tags[ChatMetrics.NodeTag]);
        return last.Value;
    }
}
