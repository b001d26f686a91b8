namespace ChatApp.Core.Admin;

public sealed record RoomDraft(string Name, string? Slug, string? Topic, bool IsPrivate);

public sealed record AdminRoom(int Id, string Slug, string Name, string Topic, bool IsPrivate, bool IsArchived, int MemberCount);

public sealed record RoomMemberView(string UserId, string DisplayName, string Email);

public sealed record AdminUser(
    string UserId,
    string DisplayName,
    string Email,
    bool IsAdmin,
    bool IsLocked,
    string? LockReason,
    DateTimeOffset? LastSeenAt,
    bool IsConfirmed = true);

public sealed record AuditView(long Id, DateTimeOffset At, string ActorName, string Action, string TargetKind, string TargetName, string? Details);

public sealed record AuditPage(IReadOnlyList<AuditView> Entries, int Page, bool HasMore);
