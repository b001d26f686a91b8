using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ChatApp.Core.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace ChatApp.Web.Sessions;

/// <summary>
/// Keeps the auth cookie's ticket in the database (<see cref="SessionStore"/>), so the cookie holds only a session
/// key: signing out, or ending the session from another device, makes every copy of that cookie worthless. The
/// stored principal carries its own session key as a claim, so a circuit knows which session it belongs to.
/// The ticket is kept encrypted and signed with Data Protection (the keys that also protect the cookies, which live
/// outside the database): a copy of the database alone yields no ticket anyone can use or read.
/// </summary>
public sealed class DatabaseTicketStore(SessionStore store, IDataProtectionProvider dataProtection, ILogger<DatabaseTicketStore> logger)
    : ITicketStore
{
    /// <summary>The protector's purpose: a ticket protected for anything else never opens here, nor this one elsewhere.</summary>
    public const string Purpose = "ChatApp.Sessions.UserSession.Ticket.v1";

    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var key = SessionStore.NewKey();
        await store.CreateAsync(key, Describe(ticket, key), httpContext?.Request.Headers.UserAgent.ToString(), AddressOf(httpContext), cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        RenewAsync(key, ticket, null!, cancellationToken);

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        store.RenewAsync(key, Describe(ticket, key), AddressOf(httpContext), cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var bytes = await store.FindAsync(key, AddressOf(httpContext), cancellationToken);
        if (bytes is null)
        {
            return null;
        }
        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(bytes));
        }
        catch (CryptographicException)
        {
            // Written before tickets were protected, or under keys this server no longer has: the device is signed
            // out (it signs in again), and the row that can never be opened goes.
            logger.LogInformation("Session of a device could not be opened (unprotected or foreign keys): signed out.");
            await store.RemoveAsync(key, cancellationToken);
            return null;
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => store.RemoveAsync(key, cancellationToken);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        store.RemoveAsync(key, cancellationToken);

    /// <summary>The ticket to keep: a copy whose principal names its session, serialized.</summary>
    private SessionTicket Describe(AuthenticationTicket ticket, string key)
    {
        var identities = ticket.Principal.Identities.Select(i => i.Clone()).ToList();
        foreach (var identity in identities)
        {
            foreach (var old in identity.FindAll(SessionClaims.KeyType).ToList())
            {
                identity.RemoveClaim(old);
            }
        }
        identities.FirstOrDefault()?.AddClaim(new Claim(SessionClaims.KeyType, key));
        var principal = new ClaimsPrincipal(identities);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A signed-in principal without a user id cannot have a session.");
        var kept = new AuthenticationTicket(principal, ticket.Properties, ticket.AuthenticationScheme);
        return new SessionTicket(userId, protector.Protect(TicketSerializer.Default.Serialize(kept)), Fingerprint(principal), ticket.Properties.ExpiresUtc);
    }

    /// <summary>Changes when any claim changes (a new security stamp, a new display name, a role), not otherwise.</summary>
    private static string Fingerprint(ClaimsPrincipal principal)
    {
        var text = new StringBuilder();
        foreach (var claim in principal.Claims)
        {
            text.Append(claim.Type).Append('\0').Append(claim.Value).Append('\0');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string? AddressOf(HttpContext? httpContext) => httpContext?.Connection.RemoteIpAddress?.ToString();
}
