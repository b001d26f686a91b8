using System.Diagnostics;

namespace ChatApp.Core.Presence;

/// <summary>
/// What the topic records into the app's instruments (ChatApp.Core/Diagnostics/ChatMetrics.cs): changes, the ones a
/// tick coalesced, flaps the leave debounce hid, and each diff's fan-out. Counts only, no tags: nothing here allocates,
/// and a fan-out records once per diff, not once per subscriber. The instruments are thread-safe and call nothing of
/// the engine, so they are recorded under <c>gate</c> where the numbers are.
/// </summary>
internal sealed partial class TopicState
{
    // Guarded by gate, as the fields of TopicState.cs: the changes made since the last cut (see CoalescedLocked).
    private int changesSinceCut;

    /// <summary>
    /// Counts one change of the truth (called by <see cref="Replace"/>, under <c>gate</c>). A change nobody could see
    /// (a leave held back by the debounce keeps the key as it was shown) is none; a key that was leaving, or whose
    /// last visible tab was, and comes back before the debounce ran out is a flap suppressed.
    /// </summary>
    private void NoteChangeLocked(PresenceUser? before, PresenceUser? after)
    {
        if (tracker.Metrics is not { } metrics || PresenceUser.SameState(before, after))
        {
            return;
        }
        metrics.PresenceChanges.Add(1);
        changesSinceCut++;
        if (after is { IsLeaving: false } && (before is { IsLeaving: true }
            || (before?.HeldPublic is not null && after.HeldPublic is null && after.Public is not null)))
        {
            metrics.FlapsSuppressed.Add(1);
        }
    }

    /// <summary>
    /// At a cut (under <c>gate</c>): the changes since the last one that did not become a key of this diff were folded
    /// into another change of the same key (or undone by it) within the tick.
    /// </summary>
    private void CoalescedLocked(int keysChanged)
    {
        if (changesSinceCut > keysChanged)
        {
            tracker.Metrics?.ChangesCoalesced.Add(changesSinceCut - keysChanged);
        }
        changesSinceCut = 0;
    }

    /// <summary>
    /// When a hand-over to the subscribers starts: the <see cref="Stopwatch"/>'s clock, not the injected
    /// <see cref="TimeProvider"/>, which the engine never reads under its locks (it may run due timers there); 0 when
    /// nobody listens to the fan-out time.
    /// </summary>
    private long FanOutStarted() => tracker.Metrics is { FanOutDuration.Enabled: true } ? Stopwatch.GetTimestamp() : 0;

    /// <summary>One diff handed to <paramref name="handedOver"/> subscribers: one measurement of each, whatever their number.</summary>
    private void RecordFanOut(long started, int handedOver)
    {
        if (tracker.Metrics is not { } metrics)
        {
            return;
        }
        if (handedOver > 0)
        {
            metrics.DiffsDelivered.Add(handedOver);
        }
        if (started != 0)
        {
            metrics.FanOutDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
