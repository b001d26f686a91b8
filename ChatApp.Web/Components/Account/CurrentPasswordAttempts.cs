using ChatApp.Core.Accounts;
using ChatApp.Web.RateLimiting;

namespace ChatApp.Web.Components.Account;

/// <summary>The pages that ask a signed-in person for their current password count and log the attempts alike.</summary>
internal static class CurrentPasswordAttempts
{
    /// <summary>Counts the attempt; null when it may go ahead, otherwise the message that says why not.</summary>
    public static string? Begin(this CurrentPasswordThrottle throttle, string userId, HttpContext context, ILogger logger)
    {
        if (throttle.TryBegin(userId) is not { } wait)
        {
            return null;
        }
        logger.CurrentPasswordThrottled(userId, ClientAddress.Key(context), context.Request.Path);
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return $"Error: Too many wrong passwords. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
    }

    /// <summary>Logs a wrong current password: the account and address, never what was typed.</summary>
    public static void LogWrongCurrentPassword(this ILogger logger, string userId, HttpContext context) =>
        logger.WrongCurrentPassword(userId, ClientAddress.Key(context), context.Request.Path);
}
