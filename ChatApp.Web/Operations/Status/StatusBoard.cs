using System.Collections.Immutable;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Operations.Status;

/// <summary>
/// What every open status page of this instance shows: the samples of every instance (this one's included, all
/// through the bus), an hour of them each in a fixed ring, and one immutable <see cref="StatusView"/> rebuilt per
/// sample and shared by every page. Pages <see cref="Subscribe"/> to be told when a sample arrived (once per
/// sample, never more often); an instance not heard from for <see cref="StatusOptions.NodeDownAfter"/> is down, and
/// one not heard from for an hour is forgotten.
/// </summary>
public sealed class StatusBoard : IDisposable
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly TimeProvider time;
    private readonly StatusOptions options;
    private readonly ILogger<StatusBoard> logger;
    private readonly IDisposable subscription;
    private readonly Lock gate = new();
    private readonly Dictionary<string, NodeHistory> nodes = new(StringComparer.Ordinal);
    private ImmutableList<Action> watchers = [];
    private StatusView current = StatusView.Empty;

    public StatusBoard(IEventBus bus, TimeProvider time, IOptions<StatusOptions> options, ILogger<StatusBoard> logger)
    {
        this.time = time;
        this.options = options.Value;
        this.logger = logger;
        // A lost sample is one missing point: nothing to rebuild, so no gap handler.
        subscription = bus.Subscribe<NodeStatusSample>(NodeStatusSample.Key, sample =>
        {
            Add(sample);
            return Task.CompletedTask;
        });
    }

    /// <summary>The latest view (immutable; a new one after each sample).</summary>
    public StatusView Current => Volatile.Read(ref current);

    /// <summary>Calls <paramref name="onSample"/> after each sample arrives, on the bus's thread, until disposed.</summary>
    public IDisposable Subscribe(Action onSample)
    {
        ImmutableInterlocked.Update(ref watchers, list => list.Add(onSample));
        return new Unsubscribe(this, onSample);
    }

    private void Add(NodeStatusSample sample)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!nodes.TryGetValue(sample.NodeId, out var history))
            {
                nodes[sample.NodeId] = history = new NodeHistory(sample.NodeId);
            }
            if (!history.Add(sample, now))
            {
                return;
            }
            foreach (var gone in nodes.Values.Where(n => now - n.LastHeard >= ForgetAfter).Select(n => n.NodeId).ToList())
            {
                nodes.Remove(gone);
            }
            var view = new StatusView(current.Version + 1, [.. nodes.Values
                .OrderBy(n => n.NodeId, StringComparer.Ordinal)
                .Select(n => new NodeStatus(n.NodeId, now - n.LastHeard > options.NodeDownAfter, n.LastHeard, n.Points()))]);
            Volatile.Write(ref current, view);
        }
        foreach (var watcher in Volatile.Read(ref watchers))
        {
            try
            {
                watcher();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A status page failed to take a sample");
            }
        }
    }

    public void Dispose() => subscription.Dispose();

    private sealed class Unsubscribe(StatusBoard board, Action watcher) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref board.watchers, list => list.Remove(watcher));
    }
}
