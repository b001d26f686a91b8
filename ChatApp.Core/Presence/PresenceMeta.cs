namespace ChatApp.Core.Presence;

/// <summary>
/// One connection's presence under a key (one Blazor circuit, i.e. one browser tab). Immutable: every change makes
/// a new meta with a new <see cref="Ref"/>, whose <see cref="PrevRef"/> is the ref it replaced.
/// </summary>
public sealed record PresenceMeta(
    long Ref,
    long? PrevRef,
    string ConnectionId,
    string NodeId,
    DateTimeOffset JoinedAt,
    PresenceStatus Status,
    bool IsReconnecting,
    string DisplayName,
    string? AvatarColor)
{
    /// <summary>What others are shown for this connection: its status, or <see cref="PresenceStatus.Reconnecting"/> while it is down.</summary>
    public PresenceStatus ShownStatus => IsReconnecting ? PresenceStatus.Reconnecting : Status;

    public PresenceInfo Info => new(DisplayName, AvatarColor);

    // One byte (0: none, else the status + 1) so that it packs beside Status: every tracked tab pays for a meta's size.
    private readonly byte requested;

    /// <summary>The status asked for this connection by Track or Update; null follows the key's chosen status.</summary>
    internal PresenceStatus? Requested
    {
        get => requested == 0 ? null : (PresenceStatus)(requested - 1);
        init => requested = value is { } status ? (byte)(status + 1) : (byte)0;
    }

    internal bool IsVisibleToOthers => Status != PresenceStatus.Invisible;

    internal bool IsConnection(string nodeId, string connectionId) =>
        ConnectionId == connectionId && NodeId == nodeId;

    internal bool IsSameConnectionAs(PresenceMeta other) => IsConnection(other.NodeId, other.ConnectionId);

    internal bool HasSameContentAs(PresenceMeta other) =>
        Status == other.Status
        && IsReconnecting == other.IsReconnecting
        && DisplayName == other.DisplayName
        && AvatarColor == other.AvatarColor;
}
