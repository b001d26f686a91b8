using System.Threading.RateLimiting;
using ChatApp.Core.Accounts;
using ChatApp.Core.Diagnostics;
using ChatApp.Web.Components.Account;
using ChatApp.Web.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Hosting;

public static class RateLimitingExtensions
{
    /// <summary>
    /// Per client address limits on posts of the account forms (sign-in, 2FA, registration, account emails, password
    /// checks), the per address and account budget of failed sign-ins (see <see cref="FailedSignInThrottle"/>), and
    /// the per account budget of wrong current passwords (see <see cref="CurrentPasswordThrottle"/>).
    /// </summary>
    public static void AddChatRateLimiting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<RateLimitOptions>>();
            return new FailedSignInThrottle(sp.GetRequiredService<TimeProvider>(), () =>
            {
                var rule = options.CurrentValue.FailedSignInsPerAccount;
                return (rule.PermitLimit, rule.Window);
            });
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<RateLimitOptions>>();
            return new CurrentPasswordThrottle(sp.GetRequiredService<TimeProvider>(), () =>
            {
                var rule = options.CurrentValue.CurrentPasswordPerAccount;
                return (rule.PermitLimit, rule.Window);
            });
        });

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var policy = LimitedPolicy(context);
                if (policy is null)
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var rule = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue.For(policy);
                // A bucket of PermitLimit attempts that refills evenly over the window: a burst of typos is fine, a
                // steady stream is held to the rate, and no window edge lets twice the limit through.
                return RateLimitPartition.GetTokenBucketLimiter($"{policy}|{ClientAddress.Key(context)}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = rule.PermitLimit,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = rule.Window / Math.Max(1, rule.PermitLimit),
                    QueueLimit = 0,
                    // Refilled by the partitioned limiter's own timer rather than one timer per client address.
                    AutoReplenishment = false,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var policy = LimitedPolicy(context) ?? "form";
                TimeSpan? retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
                if (retryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("0");
                }
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChatApp.Web.RateLimiting")
                    .FormPostsRateLimited(policy, ClientAddress.Key(context), context.Request.Path);
                context.RequestServices.GetService<ChatMetrics>()?.Refused(policy);
                context.Response.ContentType = "text/html; charset=utf-8";
                var back = $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
                await context.Response.WriteAsync(TooManyAttemptsPage.Html(Describe(policy), back, retryAfter), cancellationToken);
            };
        });
    }

    /// <summary>
    /// After <c>UseChatSecurity</c> (so the forwarded client address is known) and before <c>UseChatUi</c> (so a
    /// refused attempt never reaches antiforgery, the form or the password check).
    /// </summary>
    public static void UseChatRateLimiting(this WebApplication app) => app.UseRateLimiter();

    /// <summary>Only posts are attempts; page views and the redirects after them are never limited.</summary>
    private static string? LimitedPolicy(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            ? context.GetEndpoint()?.Metadata.GetMetadata<LimitFormPostsAttribute>()?.Policy
            : null;

    private static string Describe(string policy) => policy switch
    {
        FormPostLimits.SignIn => "sign-in",
        FormPostLimits.TwoFactor => "two-factor sign-in",
        FormPostLimits.Register => "registration",
        FormPostLimits.AccountEmail => "account email",
        FormPostLimits.AccountPassword => "password",
        _ => "form",
    };
}
