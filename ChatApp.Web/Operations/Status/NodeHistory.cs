using ChatApp.Core.Diagnostics;

namespace ChatApp.Web.Operations.Status;

/// <summary>
/// The last <see cref="Capacity"/> samples of one instance in a ring (fixed memory), and the chart points made from
/// them. Not thread-safe: the <see cref="StatusBoard"/> holds its lock around every call.
/// </summary>
internal sealed class NodeHistory(string nodeId)
{
    /// <summary>An hour of the default 10-second samples: at most this many points per series per instance.</summary>
    public const int Capacity = 360;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly NodeStatusSample[] samples = new NodeStatusSample[Capacity];
    private readonly StatusPoint[] points = new StatusPoint[Capacity];
    private int next;
    private int count;
    private StatusPoint[]? shown; // Points() until the next Add: every view rebuilt meanwhile shares it

    public string NodeId => nodeId;

    /// <summary>When this instance last heard from it (its own clock, not the sender's: clocks of two machines differ).</summary>
    public DateTimeOffset LastHeard { get; private set; }

    public int Count => count;

    /// <summary>Adds a sample; false (and nothing changes) for one not newer than the last (a replay or a duplicate).</summary>
    public bool Add(NodeStatusSample sample, DateTimeOffset heardAt)
    {
        if (count > 0 && sample.At <= samples[Index(count - 1)].At)
        {
            return false;
        }
        samples[next] = sample;
        points[next] = PointFor(sample);
        next = (next + 1) % Capacity;
        count = Math.Min(count + 1, Capacity);
        LastHeard = heardAt;
        shown = null;
        return true;
    }

    /// <summary>The points of the hour up to the newest sample, oldest first.</summary>
    public StatusPoint[] Points() => shown ??= Recent();

    private StatusPoint[] Recent()
    {
        var newest = samples[Index(count - 1)].At;
        var list = new List<StatusPoint>(count);
        for (var i = 0; i < count; i++)
        {
            var point = points[Index(i)];
            if (newest - point.At < Hour)
            {
                list.Add(point);
            }
        }
        return [.. list];
    }

    // The i-th oldest sample kept.
    private int Index(int i) => (next - count + i + Capacity) % Capacity;

    // samples[next] is the newest already: sums run back from it over the window.
    private StatusPoint PointFor(NodeStatusSample sample)
    {
        long messages = 0, failuresMinute = 0, failuresHour = 0, refusals = 0;
        var kept = Math.Min(count + 1, Capacity);
        for (var back = 0; back < kept; back++)
        {
            var s = samples[(next - back + Capacity) % Capacity];
            var age = sample.At - s.At;
            if (age >= Hour)
            {
                break;
            }
            failuresHour += s.SignInFailures;
            if (age < Minute)
            {
                messages += s.MessagesSent;
                failuresMinute += s.SignInFailures;
                refusals += s.RateLimitRefusals;
            }
        }
        return new StatusPoint(sample.At, sample.UsersOnline, sample.Tabs, sample.Circuits, messages, failuresMinute,
            failuresHour, refusals, sample.SendLatencyP50, sample.SendLatencyP99);
    }
}
