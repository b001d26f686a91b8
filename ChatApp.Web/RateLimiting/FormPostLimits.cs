namespace ChatApp.Web.RateLimiting;

/// <summary>The policies a page can name in <see cref="LimitFormPostsAttribute"/>.</summary>
public static class FormPostLimits
{
    public const string SignIn = "sign-in";
    public const string TwoFactor = "two-factor";
    public const string Register = "register";
    public const string AccountEmail = "account-email";
    public const string AccountPassword = "account-password";
}

/// <summary>
/// Limits the posts of a page's forms (the attempts) per client address; viewing the page is never limited.
/// Blazor puts a page's attributes on its endpoint, where the rate limiter reads this one.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LimitFormPostsAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
