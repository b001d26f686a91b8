using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using ChatApp.Web.Operations.Status;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatApp.Tests.Operations;

public sealed class StatusBoardTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static NodeStatusSample Sample(string nodeId, int n) =>
        new(nodeId, Start.AddSeconds(10 * n), TimeSpan.FromSeconds(10), n, n, n, 1, 0, 0, null, null);

    [Fact]
    public async Task PagesComingAndGoingWhileTwoNodesPublishNeverBreakTheBoardAndAStayingPageHearsEverySample()
    {
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        using var board = new StatusBoard(bus, new FakeTimeProvider(Start), Options.Create(new StatusOptions()), NullLogger<StatusBoard>.Instance);
        var heard = 0;
        using var staying = board.Subscribe(() => Interlocked.Increment(ref heard));
        const int samplesPerNode = 300;
        using var stop = new CancellationTokenSource();

        var pages = Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
        {
            var views = 0L;
            while (!stop.IsCancellationRequested)
            {
                using var page = board.Subscribe(() => { });
                var view = board.Current;
                views += view.Nodes.Sum(n => n.Points.Count);
                Assert.All(view.Nodes, n => Assert.True(n.Points.Count <= NodeHistory.Capacity));
            }
            return views;
        })).ToArray();
        var nodes = new[] { "node-a", "node-b" }.Select(id => Task.Run(() =>
        {
            for (var n = 1; n <= samplesPerNode; n++)
            {
                bus.Publish(NodeStatusSample.Key, Sample(id, n));
            }
        })).ToArray();
        await Task.WhenAll(nodes);
        stop.Cancel();
        await Task.WhenAll(pages);

        Assert.Equal(2 * samplesPerNode, Volatile.Read(ref heard));
        Assert.Equal(2 * samplesPerNode, board.Current.Version);
        Assert.All(board.Current.Nodes, n => Assert.Equal(samplesPerNode, n.Points.Count));
        Assert.All(board.Current.Nodes, n => Assert.Equal(samplesPerNode, n.Latest!.UsersOnline));
    }

    [Fact]
    public void ASampleHeardTwiceOrOutOfOrderAddsNoPoint()
    {
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        using var board = new StatusBoard(bus, new FakeTimeProvider(Start), Options.Create(new StatusOptions()), NullLogger<StatusBoard>.Instance);

        bus.Publish(NodeStatusSample.Key, Sample("node-a", 2));
        bus.Publish(NodeStatusSample.Key, Sample("node-a", 2));
        bus.Publish(NodeStatusSample.Key, Sample("node-a", 1));

        var node = Assert.Single(board.Current.Nodes);
        var point = Assert.Single(node.Points);
        Assert.Equal(Start.AddSeconds(20), point.At);
        Assert.Equal(1, board.Current.Version);
    }
}
