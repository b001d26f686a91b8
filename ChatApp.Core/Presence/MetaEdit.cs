namespace ChatApp.Core.Presence;

/// <summary>
/// What a caller asks to change in a local meta: its display data and/or the status asked for this connection (null
/// keeps what it had). The meta's status and connection state are then computed again by <see cref="ConnectionStatus"/>,
/// under the topic's lock, so concurrent edits converge. An empty edit only recomputes them (the tab went idle, the
/// connection dropped).
/// </summary>
internal readonly record struct MetaEdit(PresenceInfo? Info = null, PresenceStatus? Status = null);
