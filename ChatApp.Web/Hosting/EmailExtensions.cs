using ChatApp.Core.Data;
using ChatApp.Web.Email;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Hosting;

public static class EmailExtensions
{
    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public static void AddChatEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.SectionName)
            .Validate(o => o.SmtpPort is > 0 and <= 65535, "Email:SmtpPort must be a TCP port (1-65535).")
            .Validate(o => Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.Security, ignoreCase: true, out _) || o.Security.Equals("Auto", StringComparison.OrdinalIgnoreCase),
                "Email:Security must be None, Auto, SslOnConnect or StartTls.")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From must be an email address, e.g. \"ChatApp <chat@example.com>\".")
            .Validate(o => !o.IsConfigured || IsWebAddress(o.PublicBaseUrl),
                "Email:PublicBaseUrl must be the address people open the app at (e.g. https://chat.example.com) when Email:SmtpHost is set: links in emails are built from it, never from the request.")
            .ValidateOnStart();
        // Pages queue account emails and answer at once; the worker delivers them through SMTP.
        builder.Services.AddKeyedSingleton<IEmailSender<ChatUser>, SmtpEmailSender>(EmailQueue.DeliveryKey);
        builder.Services.AddSingleton<EmailQueue>();
        builder.Services.AddSingleton<IEmailSender<ChatUser>, QueuedEmailSender>();
        builder.Services.AddHostedService<EmailQueueWorker>();
        builder.Services.AddScoped<EmailLinks>();
    }
}
