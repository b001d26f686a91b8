namespace ChatApp.Core.Admin;

/// <summary>
/// One administrative action. Names are copied at the time of the action, so the log still reads right after a
/// room is deleted or a user renamed.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public string TargetKind { get; set; } = "";
    public string TargetId { get; set; } = "";
    public string TargetName { get; set; } = "";
    public string? Details { get; set; }
}
