using System.Globalization;

namespace ChatApp.LoadTest.Scenarios;

/// <summary>What the status scenario's watching tabs saw, counted from many tasks at once.</summary>
public sealed class StatusTally
{
    private long changes, expected, seen, notInView, missing;

    public long Changes => Interlocked.Read(ref changes);
    public long Expected => Interlocked.Read(ref expected);
    public long Sightings => Interlocked.Read(ref seen);
    public long NotInViewCount => Interlocked.Read(ref notInView);
    public long MissingCount => Interlocked.Read(ref missing);

    /// <summary>A change went out to <paramref name="watchingTabs"/> other tabs.</summary>
    public void Changed(int watchingTabs)
    {
        Interlocked.Increment(ref changes);
        Interlocked.Add(ref expected, watchingTabs);
    }

    public void Seen() => Interlocked.Increment(ref seen);

    /// <summary>The tab does not draw the person's row at all (the virtualized list shows other people).</summary>
    public void NotInView() => Interlocked.Increment(ref notInView);

    /// <summary>The tab draws the person but never showed the new status: a real failure.</summary>
    public void Missing() => Interlocked.Increment(ref missing);

    public void AddTo(RunResult result)
    {
        result.Figures["status_changes"] = Changes;
        result.Figures["sightings_expected"] = Expected;
        result.Figures["sightings"] = Sightings;
        result.Figures["sightings_not_in_view"] = NotInViewCount;
        result.Figures["sightings_missing"] = MissingCount;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"changes {Changes} seen {Sightings}/{Expected} not in view {NotInViewCount} missing {MissingCount}");
}
