using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatApp.Tests.Operations;

public sealed class StatusSamplerTests
{
    [Fact]
    public async Task EveryIntervalTheSamplerPublishesWhatHappenedAndTheBoardShowsIt()
    {
        using var rig = new StatusRig("node-a");
        var arrived = new TaskCompletionSource();
        using var watch = rig.Board.Subscribe(() => arrived.TrySetResult());
        await rig.Sampler.StartAsync(CancellationToken.None);
        rig.SetPresent(usersPresent: 3, tabsPresent: 5);
        rig.Circuits.Add(2);
        for (var ms = 1; ms <= 100; ms++)
        {
            rig.Messages.Add(1);
            rig.SendDuration.Record(ms / 1000.0);
        }
        rig.SignInFailures.Add(2);
        rig.Refusals.Add(1);

        rig.Time.Advance(StatusRig.Every);
        var sampled = await Task.WhenAny(arrived.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(sampled == arrived.Task, string.Join("\n", rig.SamplerLog.Collector.GetSnapshot().Select(r => r.ToString())));
        await rig.Sampler.StopAsync(CancellationToken.None);

        var point = Assert.Single(rig.Node("node-a").Points);
        Assert.Equal(rig.Time.GetUtcNow(), point.At);
        Assert.Equal((3, 5, 2), (point.UsersOnline, point.Tabs, point.Circuits));
        Assert.Equal(100, point.MessagesPerMinute);
        Assert.Equal((2, 2, 1), (point.SignInFailuresLastMinute, point.SignInFailuresLastHour, point.RateLimitRefusalsLastMinute));
        Assert.InRange(point.SendLatencyP50!.Value.TotalMilliseconds, 50 * 0.95, 50 * 1.05);
        Assert.InRange(point.SendLatencyP99!.Value.TotalMilliseconds, 99 * 0.95, 99 * 1.05);
    }

    [Fact]
    public void CountsAreOfTheLastMinuteAndLatenciesOfTheLastIntervalOnly()
    {
        using var rig = new StatusRig("node-a");
        rig.Sampler.SampleNow(); // the start: everything before it is not counted again
        for (var i = 0; i < 5; i++)
        {
            rig.Messages.Add(1);
            rig.SendDuration.Record(0.004);
        }
        rig.SignInFailures.Add(3);

        var first = rig.Step();
        var quiet = Enumerable.Range(0, 5).Select(_ => rig.Step()).ToList();
        var points = rig.Node("node-a").Points;

        Assert.Equal(5, first.MessagesSent);
        Assert.All(quiet, s => Assert.Equal(0, s.MessagesSent));
        // The five messages stay in "per minute" for the minute after they were sent, then leave it.
        Assert.All(points.Skip(1).Take(6), p => Assert.Equal(5, p.MessagesPerMinute));
        Assert.Null(points[^1].SendLatencyP50);
        Assert.NotNull(points[1].SendLatencyP50);
        rig.Step();
        Assert.Equal(0, rig.Node("node-a").Points[^1].MessagesPerMinute);
        Assert.Equal(0, rig.Node("node-a").Points[^1].SignInFailuresLastMinute);
        Assert.Equal(3, rig.Node("node-a").Points[^1].SignInFailuresLastHour);
    }

    [Fact]
    public void AnHourIsKeptAtMost360PointsPerNodeAndOlderSamplesLeaveTheHourCounts()
    {
        using var rig = new StatusRig("node-a");
        rig.Sampler.SampleNow();
        rig.SignInFailures.Add(7);
        rig.Step();

        for (var i = 0; i < 400; i++)
        {
            rig.Step();
        }

        var points = rig.Node("node-a").Points;
        Assert.Equal(360, points.Count);
        Assert.Equal(rig.Time.GetUtcNow(), points[^1].At);
        Assert.Equal(TimeSpan.FromSeconds(3590), points[^1].At - points[0].At);
        Assert.Equal(0, points[^1].SignInFailuresLastHour);
    }

    [Fact]
    public void TwoNodesOnOneBusEachSeeBothAndANodeThatStopsIsShownDown()
    {
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        using var a = new StatusRig("node-a", bus);
        using var b = new StatusRig("node-b", bus, a.Time);
        b.Messages.Add(4);
        a.Step();
        b.Sampler.SampleNow();

        Assert.Equal(["node-a", "node-b"], a.Board.Current.Nodes.Select(n => n.NodeId));
        Assert.Equal(["node-a", "node-b"], b.Board.Current.Nodes.Select(n => n.NodeId));
        Assert.Equal(4, a.Node("node-b").Points[^1].MessagesPerMinute);
        Assert.All(a.Board.Current.Nodes, n => Assert.False(n.IsDown));

        // node-b stops sampling (it crashed); node-a goes on.
        for (var i = 0; i < 3; i++)
        {
            a.Step();
        }
        Assert.False(a.Node("node-b").IsDown);
        a.Step();

        Assert.True(a.Node("node-b").IsDown);
        Assert.False(a.Node("node-a").IsDown);
    }

    [Fact]
    public async Task SamplesRecordedFromManyThreadsWhileSamplingAreCountedExactlyOnce()
    {
        using var rig = new StatusRig("node-a");
        rig.Sampler.SampleNow();
        const int threads = 8, perThread = 20_000;
        var counted = 0L;
        var recorders = Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                rig.Messages.Add(1);
                rig.SendDuration.Record(0.001 * (1 + i % 50));
                rig.Circuits.Add(i % 2 == 0 ? 1 : -1);
            }
        })).ToArray();

        while (!Task.WhenAll(recorders).IsCompleted)
        {
            counted += rig.Step().MessagesSent;
        }
        await Task.WhenAll(recorders);
        var last = rig.Step();
        counted += last.MessagesSent;

        Assert.Equal(threads * perThread, counted);
        Assert.Equal(0, last.Circuits);
    }
}
