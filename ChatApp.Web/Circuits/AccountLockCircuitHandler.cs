using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.Sessions;
using ChatApp.Web.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using System.Security.Claims;

namespace ChatApp.Web.Circuits;

/// <summary>
/// Signs a circuit out the moment an administrator locks its user (or the account is deleted), or the moment its
/// session ends (signed out from another device, or by a password change elsewhere): the authentication state turns
/// anonymous, so every page falls back to the sign-in redirect. The cookie itself stops working because locking
/// changes the security stamp, which is validated on every request, and an ended session is deleted from the store.
/// </summary>
public sealed class AccountLockCircuitHandler(
    IEventBus events,
    CircuitState current,
    IConnectionPresence presence,
    AuthenticationStateProvider authentication,
    ILogger<AccountLockCircuitHandler> logger) : CircuitHandler, IDisposable
{
    private IDisposable? subscription;
    private IDisposable? sessionSubscription;
    private (string UserId, string Key)? session;
    private bool closed;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The circuit's user and session are fixed for its life: a new sign-in is a new page load, so a new circuit.
        // Only this user's account changes and session endings come on their key. No resync on a gap: the session
        // is re-validated on a timer (Sessions:RevalidationInterval) and a locked account's cookie stops working.
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (user.GetUserId() is { } userId)
        {
            subscription ??= events.Subscribe<AccountChange>(EventKey.User(userId), OnAccountChanged);
            if (user.GetSessionKey() is { } key)
            {
                session = (userId, key);
                sessionSubscription ??= events.Subscribe<SessionsEnded>(EventKey.User(userId), OnSessionsEnded);
            }
        }
        if (closed)
        {
            Dispose();
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        closed = true;
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
        else if (current.User.UserId == change.UserId)
        {
            logger.LogInformation(LiveEventIds.CircuitSignedOut, "Signing out circuit {CircuitId} of {UserId}: account {Kind}", current.User.ConnectionId, change.UserId, change.Kind);
            SignOut(locked: true);
        }
        return Task.CompletedTask;
    }

    private Task OnSessionsEnded(SessionsEnded ended)
    {
        if (session is { } mine && mine.UserId == ended.UserId && ended.Keys.Contains(mine.Key))
        {
            logger.LogInformation(LiveEventIds.CircuitSignedOut, "Signing out a circuit of {UserId}: its session ended", mine.UserId);
            SignOut(locked: false);
        }
        return Task.CompletedTask;
    }

    private void SignOut(bool locked)
    {
        if (authentication is not IHostEnvironmentAuthenticationStateProvider host)
        {
            return;
        }
        var user = current.User;
        // Signing out comes first: nothing that follows may stand between a signed-out user and the sign-in page.
        current.SignedOutBecauseLocked |= locked;
        // Nobody is on this circuit any more: a reconnect (even one coming back after the sign-out) tracks nothing.
        current.User = null;
        host.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        if (user is null)
        {
            return;
        }
        try
        {
            presence.Closed(user.ConnectionId);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Presence could not drop circuit {CircuitId} of a signed-out user", user.ConnectionId);
        }
    }

    public void Dispose()
    {
        subscription?.Dispose();
        subscription = null;
        sessionSubscription?.Dispose();
        sessionSubscription = null;
    }
}
