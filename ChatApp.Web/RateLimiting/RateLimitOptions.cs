namespace ChatApp.Web.RateLimiting;

/// <summary>
/// The <c>RateLimits</c> section: attempts per client address on the account forms that strangers can hammer. Each
/// allows <see cref="RateLimitRule.PermitLimit"/> attempts at once, refilled evenly over <see cref="RateLimitRule.Window"/>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Posts of the sign-in form.</summary>
    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Posts of the authenticator-code and recovery-code forms.</summary>
    public RateLimitRule TwoFactor { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Posts of the registration form.</summary>
    public RateLimitRule Register { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Posts of the forgot-password and resend-confirmation forms (each may send a mail).</summary>
    public RateLimitRule AccountEmail { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Posts of the forms that check a signed-in person's password (change password, set password, close account).</summary>
    public RateLimitRule AccountPassword { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Attempts at the current password per signed-in account, before that account must wait.</summary>
    public RateLimitRule CurrentPasswordPerAccount { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(15) };

    /// <summary>
    /// Failed sign-ins from one address against one account (as typed). Below Identity's MaxFailedAccessAttempts,
    /// so that one address alone cannot lock someone else's account within a window.
    /// </summary>
    public RateLimitRule FailedSignInsPerAccount { get; set; } = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(15) };

    public RateLimitRule For(string policy) => policy switch
    {
        FormPostLimits.SignIn => SignIn,
        FormPostLimits.TwoFactor => TwoFactor,
        FormPostLimits.Register => Register,
        FormPostLimits.AccountEmail => AccountEmail,
        FormPostLimits.AccountPassword => AccountPassword,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "No such rate limit."),
    };
}

public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
