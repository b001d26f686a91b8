using System.Diagnostics.Metrics;
using ChatApp.Core.Presence;

namespace ChatApp.Core.Diagnostics;

/// <summary>
/// The app's own instruments on one meter, <see cref="MeterName"/>. Names follow the OpenTelemetry conventions
/// (lower-case dotted namespaces, UCUM units, counts in curly braces); circuits open are the framework's
/// <c>aspnetcore.components.circuit.active</c> (meter <see cref="CircuitsMeterName"/>), not ours.
/// One singleton per app, created through <see cref="IMeterFactory"/> so tests can collect per service provider.
/// The hot instruments (presence, sends) are recorded without tags, so a record allocates nothing, and a presence diff
/// records once however many subscribers it reaches. A <see cref="MeterListener"/>'s measurement callback runs on the
/// recording thread, for the presence instruments under a topic's lock: keep it short and never call the presence
/// engine from it (the observable gauges are read by the listener's own <c>RecordObservableInstruments</c>, with no lock held).
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "ChatApp";
    public const string CircuitsMeterName = "Microsoft.AspNetCore.Components.Server.Circuits";

    public static class Names
    {
        // Observable gauges, per node (registered where the numbers live: the presence engine).
        public const string UsersPresent = "chatapp.presence.users";
        public const string TabsPresent = "chatapp.presence.tabs";
        public const string Topics = "chatapp.presence.topics";
        // Counters and histograms.
        public const string PresenceChanges = "chatapp.presence.changes";
        public const string DiffsDelivered = "chatapp.presence.diffs.delivered";
        public const string ChangesCoalesced = "chatapp.presence.changes.coalesced";
        public const string FlapsSuppressed = "chatapp.presence.flaps.suppressed";
        public const string FanOutDuration = "chatapp.presence.fanout.duration";
        public const string MessagesSent = "chatapp.messages.sent";
        public const string SendDuration = "chatapp.messages.send.duration";
        public const string RateLimitRefusals = "chatapp.rate_limit.refusals";
        public const string SignInFailures = "chatapp.sign_in.failures";
        public const string CircuitsActive = "aspnetcore.components.circuit.active";
    }

    /// <summary>Tag on <see cref="Names.RateLimitRefusals"/>: which limit refused (see <see cref="Limits"/>).</summary>
    public const string LimitTag = "chatapp.limit";
    /// <summary>Tag on <see cref="Names.SignInFailures"/>: why (see <see cref="SignInFailureReasons"/>).</summary>
    public const string ReasonTag = "chatapp.reason";
    /// <summary>
    /// Tag on the presence gauges: the node (<c>Presence:NodeId</c>) whose numbers they are. Also the OpenTelemetry
    /// resource's <c>service.instance.id</c>, but a reader in the process (the status page) or a scrape that drops the
    /// resource still tells nodes apart by it.
    /// </summary>
    public const string NodeTag = "chatapp.node";

    /// <summary>The values of <see cref="LimitTag"/>: one per limit that can refuse.</summary>
    public static class Limits
    {
        /// <summary>The per user budget of messages (and edits) per window, <c>Chat:SendLimitCount</c>.</summary>
        public const string Send = "send";
        /// <summary>The per account cap on live tabs, <c>Presence:MaxTabsPerUser</c>.</summary>
        public const string Tabs = "tabs";
        /// <summary>The per address and account budget of failed sign-ins (the throttle, not the form limiter).</summary>
        public const string FailedSignIns = "failed-sign-ins";
        // The ASP.NET Core form limiters are tagged with their policy name (sign-in, two-factor, register, …).
    }

    /// <summary>The values of <see cref="ReasonTag"/>.</summary>
    public static class SignInFailureReasons
    {
        public const string UnknownAccount = "unknown_account";
        public const string BadPassword = "bad_password";
        public const string LockedOut = "locked_out";
        public const string LockedByAdministrator = "locked_by_administrator";
        public const string NotConfirmed = "not_confirmed";
        public const string BadTwoFactorCode = "bad_two_factor_code";
        public const string BadRecoveryCode = "bad_recovery_code";
    }

    // Bucket boundaries for exporters that aggregate (Prometheus, OTLP); the SDK's defaults suit milliseconds, not seconds.
    // A fan-out hands a diff to mailboxes (microseconds per thousand tabs); a send is a database write (milliseconds).
    private static readonly double[] FanOutBuckets =
        [0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
    private static readonly double[] SendBuckets =
        [0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10];

    private PresenceTracker? presence;

    public ChatMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        PresenceChanges = Meter.CreateCounter<long>(Names.PresenceChanges, "{change}", "Presence changes (joins, leaves, status updates) tracked on this node.");
        DiffsDelivered = Meter.CreateCounter<long>(Names.DiffsDelivered, "{diff}", "Presence diffs delivered to subscribers.");
        ChangesCoalesced = Meter.CreateCounter<long>(Names.ChangesCoalesced, "{change}", "Presence changes folded into another change of the same diff tick.");
        FlapsSuppressed = Meter.CreateCounter<long>(Names.FlapsSuppressed, "{change}", "Leave-and-rejoin pairs hidden by the leave debounce.");
        FanOutDuration = Meter.CreateHistogram(Names.FanOutDuration, "s",
            "Time to hand one presence diff to every subscriber of a topic (their handlers run after, on the thread pool).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FanOutBuckets });
        MessagesSent = Meter.CreateCounter<long>(Names.MessagesSent, "{message}", "Chat messages saved and published.");
        SendDuration = Meter.CreateHistogram(Names.SendDuration, "s",
            "Time from the start of saving a message (its text prepared, then stored) to the end of its publication.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SendBuckets });
        RateLimitRefusals = Meter.CreateCounter<long>(Names.RateLimitRefusals, "{refusal}", "Requests refused by a rate or tab limit.");
        SignInFailures = Meter.CreateCounter<long>(Names.SignInFailures, "{failure}", "Failed sign-in attempts.");
        // Read when a reader collects (a scrape, an export), never on a change: the counts cost the engine nothing.
        Meter.CreateObservableGauge(Names.UsersPresent, () => Observe(tracker => tracker.Connections.Census().Users), "{user}",
            "Distinct users with at least one tab tracked by this node's presence engine.");
        Meter.CreateObservableGauge(Names.TabsPresent, () => Observe(tracker => tracker.Connections.Census().Tabs), "{tab}",
            "Tabs (circuits) tracked by this node's presence engine.");
        Meter.CreateObservableGauge(Names.Topics, () => Observe(tracker => tracker.TopicCount), "{topic}",
            "Presence topics (the site and the rooms open) held by this node's presence engine.");
    }

    public Meter Meter { get; }
    public Counter<long> PresenceChanges { get; }
    public Counter<long> DiffsDelivered { get; }
    public Counter<long> ChangesCoalesced { get; }
    public Counter<long> FlapsSuppressed { get; }
    public Histogram<double> FanOutDuration { get; }
    public Counter<long> MessagesSent { get; }
    public Histogram<double> SendDuration { get; }
    public Counter<long> RateLimitRefusals { get; }
    public Counter<long> SignInFailures { get; }

    /// <summary>A limit refused a request or a send: <paramref name="limit"/> is one of <see cref="Limits"/> or a form policy.</summary>
    public void Refused(string limit) => RateLimitRefusals.Add(1, new KeyValuePair<string, object?>(LimitTag, limit));

    /// <summary>A sign-in failed: <paramref name="reason"/> is one of <see cref="SignInFailureReasons"/>.</summary>
    public void SignInFailed(string reason) => SignInFailures.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    /// <summary>The presence engine whose users, tabs and topics the gauges report (the app's one tracker).</summary>
    internal void ObservePresence(PresenceTracker tracker) => Volatile.Write(ref presence, tracker);

    private IEnumerable<Measurement<int>> Observe(Func<PresenceTracker, int> value)
    {
        if (Volatile.Read(ref presence) is not { } tracker)
        {
            return [];
        }
        return [new Measurement<int>(value(tracker), new KeyValuePair<string, object?>(NodeTag, tracker.NodeId))];
    }
}
