using System.Security.Claims;
using ChatApp.Core.Sessions;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Sessions;

internal static class SessionPrincipal
{
    /// <summary>
    /// Carries the session key over when Identity's security stamp validator replaces the request's principal with a
    /// freshly made one; without it the request (and the circuit it starts) would not know its session.
    /// </summary>
    public static Func<SecurityStampRefreshingPrincipalContext, Task> KeepSessionKey(Func<SecurityStampRefreshingPrincipalContext, Task>? next) =>
        async context =>
        {
            if (context.CurrentPrincipal?.GetSessionKey() is { } key
                && context.NewPrincipal is { } principal
                && principal.GetSessionKey() is null
                && principal.Identities.FirstOrDefault() is { } identity)
            {
                identity.AddClaim(new Claim(SessionClaims.KeyType, key));
            }
            if (next is not null)
            {
                await next(context);
            }
        };
}
