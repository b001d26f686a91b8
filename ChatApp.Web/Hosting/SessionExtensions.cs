using ChatApp.Core.Sessions;
using ChatApp.Web.Sessions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Hosting;

public static class SessionExtensions
{
    /// <summary>
    /// Signed-in devices: the auth cookie's ticket lives in the database, so a session can be listed and ended (by
    /// signing out, from another device, or by a password change) and every copy of its cookie stops working.
    /// </summary>
    public static void AddChatSessions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UserSessionOptions>().BindConfiguration(UserSessionOptions.SectionName);
        services.AddSessionsCore();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((cookie, store) => cookie.SessionStore = store);
        // The security stamp check re-creates the principal on each request: the new one keeps naming its session.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = SessionPrincipal.KeepSessionKey(o.OnRefreshingPrincipal));
        services.AddHostedService<ExpiredSessionCleanup>();
    }
}
