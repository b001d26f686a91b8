namespace ChatApp.Web.Components.Account;

/// <summary>
/// Account events worth alerting on, each with its own EventId so that log tooling can count them. Never logs a
/// password, and logs an account by its id ("unknown" when the email has none), not by the email typed.
/// </summary>
internal static partial class AccountLog
{
    public const string UnknownAccount = "unknown";

    public static class Events
    {
        public const int SignInFailed = 2001;
        public const int SignInThrottled = 2002;
        public const int FormPostsRateLimited = 2003;
        public const int SignInStorageFailed = 2004;
        public const int RegistrationStorageFailed = 2005;
        public const int RegistrationOfTakenAddress = 2006;
        public const int WrongCurrentPassword = 2007;
        public const int CurrentPasswordThrottled = 2008;
    }

    [LoggerMessage(EventId = Events.SignInFailed, Level = LogLevel.Warning,
        Message = "Sign-in failed for account {AccountId} from {ClientAddress}: {Reason}.")]
    public static partial void SignInFailed(this ILogger logger, string accountId, string clientAddress, string reason);

    [LoggerMessage(EventId = Events.SignInThrottled, Level = LogLevel.Warning,
        Message = "Sign-in for account {AccountId} from {ClientAddress} refused unchecked: too many failed sign-ins from that address for that account.")]
    public static partial void SignInThrottled(this ILogger logger, string accountId, string clientAddress);

    [LoggerMessage(EventId = Events.FormPostsRateLimited, Level = LogLevel.Warning,
        Message = "Too many {Policy} form posts from {ClientAddress}: {Path} answered 429 before the form was read.")]
    public static partial void FormPostsRateLimited(this ILogger logger, string policy, string clientAddress, string path);

    [LoggerMessage(EventId = Events.SignInStorageFailed, Level = LogLevel.Error,
        Message = "Sign-in for account {AccountId} from {ClientAddress} could not be recorded: the database refused the write.")]
    public static partial void SignInStorageFailed(this ILogger logger, Exception exception, string accountId, string clientAddress);

    [LoggerMessage(EventId = Events.RegistrationStorageFailed, Level = LogLevel.Error,
        Message = "Registration from {ClientAddress} could not be saved: the database refused the write.")]
    public static partial void RegistrationStorageFailed(this ILogger logger, Exception exception, string clientAddress);

    [LoggerMessage(EventId = Events.RegistrationOfTakenAddress, Level = LogLevel.Information,
        Message = "Registration from {ClientAddress} named the address of account {AccountId}: answered without saying so.")]
    public static partial void RegistrationOfTakenAddress(this ILogger logger, string accountId, string clientAddress);

    [LoggerMessage(EventId = Events.WrongCurrentPassword, Level = LogLevel.Warning,
        Message = "Wrong current password for account {AccountId} from {ClientAddress} on {Path}.")]
    public static partial void WrongCurrentPassword(this ILogger logger, string accountId, string clientAddress, string path);

    [LoggerMessage(EventId = Events.CurrentPasswordThrottled, Level = LogLevel.Warning,
        Message = "Current password for account {AccountId} from {ClientAddress} on {Path} refused unchecked: too many wrong ones lately.")]
    public static partial void CurrentPasswordThrottled(this ILogger logger, string accountId, string clientAddress, string path);
}
