namespace ChatApp.Core.Presence;

/// <summary>The small display data a meta carries so that lists render without a database round trip.</summary>
public sealed record PresenceInfo(string DisplayName, string? AvatarColor = null);
