namespace ChatApp.Core.Presence;

/// <summary>A change to apply to a local meta, resolved under the topic's lock so concurrent edits converge.</summary>
internal readonly record struct MetaEdit(
    PresenceInfo? Info = null,
    PresenceStatus? Status = null,
    bool ApplyChosenStatus = false,
    bool SyncConnectionState = false);
