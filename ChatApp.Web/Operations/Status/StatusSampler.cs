using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Operations.Status;

/// <summary>
/// The one sampler of this instance: every <see cref="StatusOptions.SampleEvery"/> it reads the instruments, turns
/// the totals into what happened during the interval, and publishes a <see cref="NodeStatusSample"/> on the bus for
/// every instance's <see cref="StatusBoard"/> (its own included). Open status pages share it: none has a timer.
/// </summary>
public sealed class StatusSampler(
    StatusMeters meters,
    StatusBoard board,
    IEventBus bus,
    TimeProvider time,
    IOptions<StatusOptions> options,
    string nodeId,
    ILogger<StatusSampler> logger) : BackgroundService
{
    // The baseline: the listener started with the meters, so this is (nearly) nothing, and nothing is counted twice.
    private MeterReading previous = meters.Read();

    public string NodeId => nodeId;

    /// <summary>The board this sampler's instance shows (held here so it listens from the start).</summary>
    public StatusBoard Board => board;

    private PeriodicTimer? timer;

    /// <summary>
    /// The timer is made here, not in <see cref="ExecuteAsync"/> (which .NET 10 runs on another thread): its first
    /// interval starts when the app does.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        timer = new PeriodicTimer(options.Value.SampleEvery, time);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await timer!.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                SampleNow();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing read must not end the page's live numbers for the rest of the process.
                logger.LogWarning(ex, "The status sample could not be taken");
            }
        }
    }

    public override void Dispose()
    {
        timer?.Dispose();
        base.Dispose();
    }

    /// <summary>Takes one sample now (the loop's step) and publishes it.</summary>
    public NodeStatusSample SampleNow()
    {
        var now = meters.Read();
        var before = previous;
        previous = now;
        var sample = new NodeStatusSample(
            nodeId,
            time.GetUtcNow(),
            options.Value.SampleEvery,
            now.UsersOnline,
            now.Tabs,
            now.Circuits,
            now.MessagesSent - before.MessagesSent,
            now.SignInFailures - before.SignInFailures,
            now.RateLimitRefusals - before.RateLimitRefusals,
            LatencyHistogram.Quantile(before.SendLatencyCounts, now.SendLatencyCounts, 0.50),
            LatencyHistogram.Quantile(before.SendLatencyCounts, now.SendLatencyCounts, 0.99));
        bus.Publish(NodeStatusSample.Key, sample);
        return sample;
    }
}
