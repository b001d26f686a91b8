namespace ChatApp.Core.Sessions;

/// <summary>
/// One signed-in device: the server-side half of an auth cookie. The cookie carries only <see cref="Key"/>; deleting
/// the row signs that device out, wherever its cookie has been copied to.
/// </summary>
public sealed class UserSession
{
    public const int KeyMaxLength = 64;
    public const int BrowserMaxLength = 100;
    public const int AddressMaxLength = 64;

    public string Key { get; set; } = "";
    public string UserId { get; set; } = "";

    /// <summary>The serialized authentication ticket (claims and properties), opaque to Core.</summary>
    public byte[] Ticket { get; set; } = [];

    /// <summary>
    /// Identifies the ticket's claims, so that re-issuing the same ticket on every request (the security stamp is
    /// checked on each one) does not rewrite the row each time.
    /// </summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>What the browser is, readable: "Chrome on Linux".</summary>
    public string Browser { get; set; } = "";

    /// <summary>The client address at the last recorded activity.</summary>
    public string? Address { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
