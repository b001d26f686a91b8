using ChatApp.Core.Chat;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using System.Security.Claims;

namespace ChatApp.Web.Circuits;

/// <summary>
/// Signs a circuit out the moment an administrator locks its user (or the account is deleted): the authentication state turns anonymous, so
/// every page falls back to the sign-in redirect. The cookie itself stops working because locking changes the
/// security stamp, which is validated on every request.
/// </summary>
public sealed class AccountLockCircuitHandler(
    ChatEventBus events,
    CircuitPresence current,
    IConnectionPresence presence,
    AuthenticationStateProvider authentication,
    ILogger<AccountLockCircuitHandler> logger) : CircuitHandler, IDisposable
{
    private IDisposable? subscription;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        subscription ??= events.AccountChanges.Subscribe(OnAccountChanged);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    private Task OnAccountChanged(AccountChange change)
    {
        if (change.Kind is not (AccountChangeKind.Locked or AccountChangeKind.Deleted))
        {
            return Task.CompletedTask;
        }
        if (current.User is null)
        {
            // Nobody (yet, or any more) on this circuit: if the locked user's tab stays open, this line says why.
            logger.LogDebug(LiveEventIds.CircuitAccountChangeIgnored, "Account {Kind} of {UserId} reached a circuit with nobody signed in", change.Kind, change.UserId);
        }
        if (current.User is { } user && user.UserId == change.UserId
            && authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            logger.LogInformation(LiveEventIds.CircuitSignedOut, "Signing out circuit {CircuitId} of {UserId}: account {Kind}", user.ConnectionId, user.UserId, change.Kind);
            // Signing out comes first: nothing that follows may stand between a locked user and the sign-in page.
            current.SignedOutBecauseLocked = true;
            // Nobody is on this circuit any more: a reconnect (even one coming back after the lock) tracks nothing.
            current.User = null;
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            try
            {
                presence.Closed(user.ConnectionId);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Presence could not drop circuit {CircuitId} of a signed-out user", user.ConnectionId);
            }
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        subscription?.Dispose();
        subscription = null;
    }
}
