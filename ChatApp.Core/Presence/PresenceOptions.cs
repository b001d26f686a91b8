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

    /// <summary>Changes to a topic are merged into at most one diff per tick for its subscribers. Zero delivers every change at once.</summary>
    public TimeSpan DiffTick { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A tab with no input for this long shows as away (unless its user chose another status).</summary>
    public TimeSpan AutoAwayAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Live tabs one account may have open on this instance; the next one is told to close one instead of connecting.
    /// </summary>
    public int MaxTabsPerUser { get; set; } = 20;

    /// <summary>Names this app instance in every meta it tracks. Empty means machine name plus process id.</summary>
    public string? NodeId { get; set; }
}
