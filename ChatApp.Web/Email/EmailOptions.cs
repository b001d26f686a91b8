namespace ChatApp.Web.Email;

/// <summary>The SMTP server account emails (confirmation, password reset) go out through. Section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>Empty: no email is sent, and pages that depend on one say so.</summary>
    public string SmtpHost { get; set; } = "";

    public int SmtpPort { get; set; } = 587;

    /// <summary>None, Auto (STARTTLS when offered), SslOnConnect or StartTls.</summary>
    public string Security { get; set; } = "Auto";

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "ChatApp <chatapp@localhost>";

    /// <summary>The address people open the app at (https://chat.example.com); links in emails start with it.</summary>
    public string PublicBaseUrl { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SmtpHost);
}
