using System.Security.Claims;
using ChatApp.Core.Data;
using ChatApp.Core.Sessions;
using ChatApp.Web.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Components.Account;

/// <summary>
/// Checks, every <see cref="UserSessionOptions.RevalidationInterval"/> while a circuit is connected, that the circuit's
/// session still exists and that its security stamp is still the user's. A backstop: ended sessions, password
/// changes and locks reach open tabs at once through events.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        DatabaseTicketStore sessions,
        IOptions<IdentityOptions> options,
        IOptions<UserSessionOptions> sessionOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => sessionOptions.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // The session's own ticket, not the circuit's copy of it: after a password change in another tab of the
        // same browser the session carries the new stamp, and this tab stays signed in with it.
        if (authenticationState.User.GetSessionKey() is not { } key
            || await sessions.RetrieveAsync(key, cancellationToken) is not { } session)
        {
            return false;
        }
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        return await ValidateSecurityStampAsync(userManager, session.Principal)
            && userManager.GetUserId(session.Principal) == userManager.GetUserId(authenticationState.User);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<ChatUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
