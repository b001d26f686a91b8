using System.Data.Common;
using ChatApp.Core.Accounts;
using ChatApp.Core.Data;
using ChatApp.Core.Diagnostics;
using ChatApp.Web.Operations.Logging;
using ChatApp.Web.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Web.Components.Account;

internal enum SignInOutcome
{
    Succeeded,
    RequiresTwoFactor,

    /// <summary>Wrong email or password, and nothing more: an unknown email, a wrong password and a locked account look alike.</summary>
    Failed,

    /// <summary>The password was right, but the account is locked after too many failures.</summary>
    LockedOut,

    /// <summary>The password was right, but an administrator locked the account.</summary>
    LockedByAdministrator,

    /// <summary>The password was right, but the account is not confirmed yet.</summary>
    NotConfirmed,

    /// <summary>This address failed too often for this email: not checked, not counted.</summary>
    Throttled,

    /// <summary>The database refused to record the attempt (disk full, read-only).</summary>
    StorageFailed,
}

internal sealed record SignInAttempt(SignInOutcome Outcome, TimeSpan? RetryAfter = null);

/// <summary>
/// Password sign-in that tells a stranger nothing: the same answer, after the same work (one password hash), for an
/// unknown email, a wrong password and a locked or unconfirmed account; why an account cannot sign in is said only
/// to someone who gave its password. Failures are logged and counted per address and account (<see cref="FailedSignInThrottle"/>).
/// </summary>
internal sealed class PasswordSignIn(
    UserManager<ChatUser> users,
    SignInManager<ChatUser> signInManager,
    IPasswordHasher<ChatUser> hasher,
    FailedSignInThrottle throttle,
    ILogger<PasswordSignIn> logger,
    ChatMetrics metrics)
{
    private static readonly ChatUser Nobody = new() { DisplayName = "nobody" };
    private static string? nobodysHash;

    public async Task<SignInAttempt> SignInAsync(HttpContext context, string email, string password, bool rememberMe)
    {
        var address = ClientAddress.Key(context);
        ChatUser? user = null;
        try
        {
            if (throttle.RetryAfter(address, email) is { } wait)
            {
                user = await users.FindByEmailAsync(email);
                logger.SignInThrottled(user?.Id ?? AccountLog.UnknownAccount, address);
                metrics.Refused(ChatMetrics.Limits.FailedSignIns);
                return new(SignInOutcome.Throttled, wait);
            }

            user = await users.FindByEmailAsync(email);
            // Every line about this attempt names the account by its id, never by the email typed.
            using var scope = logger.BeginScope(LogScope.User(user?.Id ?? AccountLog.UnknownAccount));
            if (user is null)
            {
                // As slow as checking a real password, so that the time taken does not tell which emails have accounts.
                hasher.VerifyHashedPassword(Nobody, nobodysHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString()), password);
                return Failed(null, "no account has this email", ChatMetrics.SignInFailureReasons.UnknownAccount);
            }

            if (await users.IsLockedOutAsync(user))
            {
                // Identity would refuse a locked account without looking at the password, which tells a stranger the
                // account exists; here only the right password learns that it is locked.
                if (!await users.CheckPasswordAsync(user, password))
                {
                    return Failed(user, "wrong password for a locked account", ChatMetrics.SignInFailureReasons.BadPassword);
                }
                logger.SignInFailed(user.Id, address, user.LockReason is null ? "right password, account locked out" : "right password, account locked by an administrator");
                metrics.SignInFailed(user.LockReason is null ? ChatMetrics.SignInFailureReasons.LockedOut : ChatMetrics.SignInFailureReasons.LockedByAdministrator);
                return new(user.LockReason is null ? SignInOutcome.LockedOut : SignInOutcome.LockedByAdministrator);
            }

            var result = await signInManager.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
            if (result.Succeeded || result.RequiresTwoFactor)
            {
                throttle.Forget(address, email);
                return new(result.Succeeded ? SignInOutcome.Succeeded : SignInOutcome.RequiresTwoFactor);
            }
            if (result.IsNotAllowed)
            {
                // Identity refuses an unconfirmed account before the password, too.
                if (!await users.CheckPasswordAsync(user, password))
                {
                    return Failed(user, "wrong password for an unconfirmed account", ChatMetrics.SignInFailureReasons.BadPassword);
                }
                logger.SignInFailed(user.Id, address, "right password, account not confirmed");
                metrics.SignInFailed(ChatMetrics.SignInFailureReasons.NotConfirmed);
                return new(SignInOutcome.NotConfirmed);
            }
            if (result.IsLockedOut)
            {
                logger.AccountLockedOut(user.Id);
            }
            return Failed(user, result.IsLockedOut ? "wrong password, account now locked out" : "wrong password", ChatMetrics.SignInFailureReasons.BadPassword);
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException)
        {
            logger.SignInStorageFailed(ex, user?.Id ?? AccountLog.UnknownAccount, address);
            return new(SignInOutcome.StorageFailed);
        }

        SignInAttempt Failed(ChatUser? account, string reason, string metricReason)
        {
            throttle.RecordFailure(address, email);
            logger.SignInFailed(account?.Id ?? AccountLog.UnknownAccount, address, reason);
            metrics.SignInFailed(metricReason);
            return new(SignInOutcome.Failed);
        }
    }
}
