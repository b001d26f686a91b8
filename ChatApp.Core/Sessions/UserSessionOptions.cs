namespace ChatApp.Core.Sessions;

/// <summary>Signed-in devices (section <c>Sessions</c> in appsettings.json).</summary>
public sealed class UserSessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>
    /// How often an open tab checks that its session and security stamp are still valid. A backstop: ending a
    /// session or changing the password reaches open tabs at once through <see cref="SessionsEnded"/> on the event bus.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Last activity is recorded at most this often per session, not on every request.</summary>
    public TimeSpan ActivityResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often expired sessions are deleted from the database.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session whose ticket names no expiry ends this long after it was last renewed.</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(14);
}
