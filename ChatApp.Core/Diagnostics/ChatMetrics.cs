using System.Diagnostics.Metrics;

namespace ChatApp.Core.Diagnostics;

/// <summary>
/// The app's own instruments on one meter, <see cref="MeterName"/>. Names follow the OpenTelemetry conventions
/// (lower-case dotted namespaces, UCUM units, counts in curly braces); circuits open are the framework's
/// <c>aspnetcore.components.circuit.active</c> (meter <see cref="CircuitsMeterName"/>), not ours.
/// One singleton per app, created through <see cref="IMeterFactory"/> so tests can collect per service provider.
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

    /// <summary>Tag on <see cref="Names.RateLimitRefusals"/>: which limit refused (send, sign_in, register, tabs, …).</summary>
    public const string LimitTag = "chatapp.limit";
    /// <summary>Tag on <see cref="Names.SignInFailures"/>: why (bad_password, locked_out, not_allowed, two_factor).</summary>
    public const string ReasonTag = "chatapp.reason";

    public ChatMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        PresenceChanges = Meter.CreateCounter<long>(Names.PresenceChanges, "{change}", "Presence changes (joins, leaves, status updates) tracked on this node.");
        DiffsDelivered = Meter.CreateCounter<long>(Names.DiffsDelivered, "{diff}", "Presence diffs delivered to subscribers.");
        ChangesCoalesced = Meter.CreateCounter<long>(Names.ChangesCoalesced, "{change}", "Presence changes folded into another change of the same diff tick.");
        FlapsSuppressed = Meter.CreateCounter<long>(Names.FlapsSuppressed, "{change}", "Leave-and-rejoin pairs hidden by the leave debounce.");
        FanOutDuration = Meter.CreateHistogram<double>(Names.FanOutDuration, "s", "Time to deliver one presence diff to every subscriber of a topic.");
        MessagesSent = Meter.CreateCounter<long>(Names.MessagesSent, "{message}", "Chat messages saved and published.");
        SendDuration = Meter.CreateHistogram<double>(Names.SendDuration, "s", "Time from the start of saving a message to its publication.");
        RateLimitRefusals = Meter.CreateCounter<long>(Names.RateLimitRefusals, "{refusal}", "Requests refused by a rate or tab limit.");
        SignInFailures = Meter.CreateCounter<long>(Names.SignInFailures, "{failure}", "Failed sign-in attempts.");
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
}
