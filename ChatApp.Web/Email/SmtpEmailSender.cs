using System.Net;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatApp.Web.Email;

/// <summary>
/// Identity's account emails over SMTP. Without a configured server nothing is sent (and logged as such); the pages
/// that would promise an email check <see cref="EmailOptions.IsConfigured"/> and tell the user instead.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, TimeProvider time, ILogger<SmtpEmailSender> logger)
    : IEmailSender<ChatUser>
{
    /// <summary>Mails one address may receive per hour: enough for a person, too few to flood anyone's inbox.</summary>
    public const int MailsPerAddressPerHour = 5;

    private readonly UserRateLimit perAddress = new(time, () => (MailsPerAddressPerHour, TimeSpan.FromHours(1)));

    // Identity hands the links over HTML-encoded, ready for the HTML body.
    public Task SendConfirmationLinkAsync(ChatUser user, string email, string confirmationLink) =>
        SendAsync(user, email, "Confirm your ChatApp account",
            $"Hello {user.DisplayName}, confirm your ChatApp account by opening this link:", confirmationLink);

    public Task SendPasswordResetLinkAsync(ChatUser user, string email, string resetLink) =>
        SendAsync(user, email, "Reset your ChatApp password",
            $"Hello {user.DisplayName}, choose a new ChatApp password by opening this link:", resetLink);

    public Task SendPasswordResetCodeAsync(ChatUser user, string email, string resetCode) =>
        SendAsync(user, email, "Reset your ChatApp password",
            $"Hello {user.DisplayName}, your ChatApp password reset code is:", resetCode, isLink: false);

    private async Task SendAsync(ChatUser user, string email, string subject, string intro, string encoded, bool isLink = true)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            logger.LogWarning("Email is not configured (Email:SmtpHost): \"{Subject}\" for {UserId} was not sent.", subject, user.Id);
            return;
        }

        if (!perAddress.TryAcquire(email.Trim().ToUpperInvariant()))
        {
            logger.LogWarning("\"{Subject}\" for {UserId} was not sent: that address got {Count} mails in the last hour.", subject, user.Id, MailsPerAddressPerHour);
            return;
        }

        var plain = WebUtility.HtmlDecode(encoded);
        var body = new BodyBuilder
        {
            TextBody = $"{intro}\n\n{plain}\n\nIf you did not ask for this, ignore this email.\n",
            HtmlBody = $"<p>{WebUtility.HtmlEncode(intro)}</p><p>{(isLink ? $"<a href=\"{encoded}\">{encoded}</a>" : encoded)}</p>"
                + "<p>If you did not ask for this, ignore this email.</p>",
        };
        var message = new MimeMessage { Subject = subject, Body = body.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(user.DisplayName, email));

        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, Enum.Parse<SecureSocketOptions>(SecurityOption(settings.Security), ignoreCase: true));
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password);
            }
            await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
            logger.LogInformation("Sent \"{Subject}\" to user {UserId}.", subject, user.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The page answers the same either way: a mail server's trouble must not lose the account just created,
            // nor tell a stranger which addresses have accounts.
            logger.LogError(ex, "Could not send \"{Subject}\" to user {UserId} through {Host}.", subject, user.Id, settings.SmtpHost);
        }
    }

    private static string SecurityOption(string security) => security.Equals("Auto", StringComparison.OrdinalIgnoreCase)
        ? nameof(SecureSocketOptions.StartTlsWhenAvailable)
        : security;
}
