namespace ChatApp.Core.Sessions;

/// <summary>One signed-in device as its owner sees it on the sessions page.</summary>
public sealed record SessionView(
    string Key,
    string Browser,
    string? Address,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    bool IsCurrent);
