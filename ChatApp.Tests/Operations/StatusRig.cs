using System.Diagnostics.Metrics;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using ChatApp.Web.Operations.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Operations;

/// <summary>
/// One app instance's status parts on a fake clock: a meter named "ChatApp" of its own meter factory with the
/// instruments the page reads (by name), the framework's circuit counter, and the sampler and board, on a bus that
/// may be shared with a second rig to make two nodes.
/// </summary>
internal sealed class StatusRig : IDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private long users;
    private long tabs;

    public StatusRig(string nodeId, InProcessEventBus? bus = null, FakeTimeProvider? time = null)
    {
        Bus = bus ?? new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var factory = provider.GetRequiredService<IMeterFactory>();
        var meter = factory.Create(ChatMetrics.MeterName);
        Messages = meter.CreateCounter<long>(ChatMetrics.Names.MessagesSent);
        SendDuration = meter.CreateHistogram<double>(ChatMetrics.Names.SendDuration, "s");
        SignInFailures = meter.CreateCounter<long>(ChatMetrics.Names.SignInFailures);
        Refusals = meter.CreateCounter<long>(ChatMetrics.Names.RateLimitRefusals);
        meter.CreateObservableGauge(ChatMetrics.Names.UsersPresent, () => Interlocked.Read(ref users));
        meter.CreateObservableGauge(ChatMetrics.Names.TabsPresent, () => Interlocked.Read(ref tabs));
        Circuits = factory.Create(ChatMetrics.CircuitsMeterName).CreateUpDownCounter<long>(ChatMetrics.Names.CircuitsActive);
        var options = Options.Create(new StatusOptions { SampleEvery = Every, NodeDownAfter = TimeSpan.FromSeconds(30) });
        Meters = new StatusMeters(factory);
        Board = new StatusBoard(Bus, Time, options, NullLogger<StatusBoard>.Instance);
        Sampler = new StatusSampler(Meters, Board, Bus, Time, options, nodeId, SamplerLog);
    }

    public FakeLogger<StatusSampler> SamplerLog { get; } = new();

    public InProcessEventBus Bus { get; }
    public FakeTimeProvider Time { get; }
    public Counter<long> Messages { get; }
    public Histogram<double> SendDuration { get; }
    public Counter<long> SignInFailures { get; }
    public Counter<long> Refusals { get; }
    public UpDownCounter<long> Circuits { get; }
    public StatusMeters Meters { get; }
    public StatusBoard Board { get; }
    public StatusSampler Sampler { get; }

    public void SetPresent(long usersPresent, long tabsPresent)
    {
        Interlocked.Exchange(ref users, usersPresent);
        Interlocked.Exchange(ref tabs, tabsPresent);
    }

    /// <summary>Moves the clock one interval on and samples, as the sampler's loop does.</summary>
    public NodeStatusSample Step()
    {
        Time.Advance(Every);
        return Sampler.SampleNow();
    }

    public NodeStatus Node(string nodeId) => Board.Current.Nodes.Single(n => n.NodeId == nodeId);

    public void Dispose()
    {
        Sampler.Dispose();
        Board.Dispose();
        Meters.Dispose();
        provider.Dispose();
    }
}
