using System.Collections.Concurrent;
using System.Diagnostics;
using ChatApp.LoadTest.Client;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>Which tab has seen which message: a token in each text, stamped with the batch arrival time.</summary>
public sealed partial class MessageTracker(TabFleet fleet, string run)
{
    private sealed class Message(long at, Tab sender, string room, int tabCapacity)
    {
        public long At { get; } = at;
        public Tab Sender { get; } = sender;
        public string Room { get; } = room;
        public int[] SeenBy { get; } = new int[tabCapacity];
    }

    private readonly ConcurrentDictionary<int, Message> messages = new();
    private readonly ConcurrentDictionary<string, bool> refusalReasons = new(StringComparer.Ordinal);
    private long expected, seen, sent, failed, refused;

    public Latency FanOut { get; } = new();
    public long Expected => Interlocked.Read(ref expected);
    public long Seen => Interlocked.Read(ref seen);
    public long Sent => Interlocked.Read(ref sent);
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Sends the app refused (the tab showed why): not stored, so not expected anywhere.</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>What the tabs showed when their sends were refused, each reason once.</summary>
    public IEnumerable<string> RefusalReasons => refusalReasons.Keys.Order(StringComparer.Ordinal);

    /// <summary>
    /// The token in each text: <c>run</c> is unique per run and window (letters and digits), so the room's earlier
    /// messages, re-rendered, do not count.
    /// </summary>
    public string Token(int seq) => $"{run}#{seq}#";

    /// <summary>Registers a send before it goes out (a fast echo must find it) and returns its timestamp.</summary>
    public long Sending(int seq, Tab sender)
    {
        var room = fleet.RoomOf(sender);
        var receivers = fleet.OpenTabs.Count(t => t != sender && fleet.RoomOf(t) == room);
        var at = Stopwatch.GetTimestamp();
        messages[seq] = new Message(at, sender, room, fleet.Tabs.Count);
        Interlocked.Add(ref expected, receivers);
        Interlocked.Increment(ref sent);
        return at;
    }

    /// <summary>The send failed in the generator (the tab broke, no answer): not expected anywhere.</summary>
    public void Cancel(int seq) => Forget(seq, ref failed);

    /// <summary>The app refused the send (the tab shows an error, e.g. the send rate limit): not expected anywhere.</summary>
    public void Refuse(int seq, string reason)
    {
        refusalReasons.TryAdd(reason, true);
        Forget(seq, ref refused);
    }

    private void Forget(int seq, ref long counter)
    {
        if (messages.TryRemove(seq, out var gone))
        {
            Interlocked.Increment(ref counter);
            Interlocked.Add(ref expected, -fleet.OpenTabs.Count(t => t != gone.Sender && fleet.RoomOf(t) == gone.Room));
        }
    }

    /// <summary>Runs under the receiving tab's lock with its batch's arrival time.</summary>
    public void OnText(Tab tab, string text, long receivedAt)
    {
        foreach (System.Text.RegularExpressions.Match match in TokenPattern().Matches(text))
        {
            if (!match.Groups[1].ValueSpan.SequenceEqual(run))
            {
                continue;
            }
            if (messages.TryGetValue(int.Parse(match.Groups[2].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture), out var message)
                && tab != message.Sender && tab.Id < message.SeenBy.Length
                && Interlocked.Exchange(ref message.SeenBy[tab.Id], 1) == 0)
            {
                FanOut.Record(message.At, receivedAt);
                Interlocked.Increment(ref seen);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\w+)#(\d+)#")]
    private static partial System.Text.RegularExpressions.Regex TokenPattern();
}
