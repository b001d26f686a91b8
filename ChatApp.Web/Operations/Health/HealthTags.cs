namespace ChatApp.Web.Operations.Health;

/// <summary>The tags that put a check into a probe: readiness runs the <see cref="Ready"/> checks; liveness runs none.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
