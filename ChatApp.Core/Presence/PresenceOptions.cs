namespace ChatApp.Core.Presence;

/// <summary>Bound from the <c>Presence</c> configuration section.</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Presence";

    /// <summary>
    /// How long a key's last leave is held back. A key that comes back within it (a reload, a resumed circuit)
    /// announces neither the leave nor the join. Zero announces leaves at once.
    /// </summary>
    public TimeSpan LeaveDebounce { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a connection may stay down (its metas shown as reconnecting) before it is untracked.
    /// Zero untracks at once; <see cref="Timeout.InfiniteTimeSpan"/> never does.
    /// </summary>
    public TimeSpan DisconnectGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The shortest time between two flushes of a topic's changes to its subscribers. The first change after a quiet
    /// spell is flushed at once; changes after it are merged into one diff per interval (see
    /// <see cref="FlushCostPerSubscriber"/>). Zero delivers every change at once, unmerged.
    /// </summary>
    public TimeSpan DiffTick { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Paces a busy topic by its audience: while its changes keep coming it flushes at most every
    /// max(<see cref="DiffTick"/>, subscribers × this), so a room with 1,000 tabs open flushes at most about twice a
    /// second during a join storm and the renders it causes per second stay bounded however many tabs it has. Zero
    /// paces every topic by <see cref="DiffTick"/> alone.
    /// </summary>
    public TimeSpan FlushCostPerSubscriber { get; set; } = TimeSpan.FromMicroseconds(500);

    /// <summary>
    /// The longest the pacing may make a busy topic wait between flushes, whatever its audience: without it a room
    /// with 10,000 tabs would show each change up to 5 s late. At 1 s a change still shows within about a second, and
    /// from 2,000 tabs up (at the default cost) a room's renders per second grow with its tabs again, one per tab per
    /// second. Must be at least <see cref="DiffTick"/>.
    /// </summary>
    public TimeSpan MaxFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A tab with no input for this long shows as away (unless its user chose another status).</summary>
    public TimeSpan AutoAwayAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Live tabs one account may have open on this instance; the next one is told to close one instead of connecting.
    /// </summary>
    public int MaxTabsPerUser { get; set; } = 20;

    /// <summary>Names this app instance in every meta it tracks. Empty means machine name plus process id.</summary>
    public string? NodeId { get; set; }

    /// <summary>The node id this instance uses: <see cref="NodeId"/>, or machine name plus process id when it is empty.</summary>
    public string ResolvedNodeId => string.IsNullOrWhiteSpace(NodeId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : NodeId;
}
