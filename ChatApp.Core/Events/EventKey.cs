using System.Globalization;

namespace ChatApp.Core.Events;

/// <summary>
/// What a subscriber listens to on the <see cref="IEventBus"/>: one room, one user, or one of a few site-wide
/// streams. A plain string underneath: the Redis bus uses it as it is in the channel name (<c>{prefix}:events:{key}</c>).
/// </summary>
public readonly record struct EventKey(string Value)
{
    /// <summary>Changes to the list of rooms everyone sees: a room created, renamed, archived or deleted.</summary>
    public static EventKey Site { get; } = new("site");

    /// <summary>
    /// Every administrative change (accounts and rooms), for the Core handlers that carry out its side effects on
    /// every node (evicting from presence, clearing typing, ending sessions) and for administrators' pages.
    /// </summary>
    public static EventKey Admin { get; } = new("admin");

    /// <summary>Saved messages, typing, and changes of this one room.</summary>
    public static EventKey Room(int roomId) => new($"room:{roomId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>What concerns only this user's own tabs: their account, stars, sessions, memberships.</summary>
    public static EventKey User(string userId) => new($"user:{userId}");

    /// <summary>
    /// Not a key to publish or subscribe on: what an observer's <c>onGap</c> is told when events of <b>any</b> key may
    /// have been lost (a backplane's connection came back), so a node-wide cache drops everything it holds, including
    /// keys nobody subscribes to right now.
    /// </summary>
    public static EventKey All { get; } = new("*");

    public override string ToString() => Value;
}
