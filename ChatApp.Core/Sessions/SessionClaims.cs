using System.Security.Claims;

namespace ChatApp.Core.Sessions;

/// <summary>
/// The session key travels inside the signed-in principal, so that whatever holds the principal (a request, a
/// circuit) knows which session it belongs to.
/// </summary>
public static class SessionClaims
{
    public const string KeyType = "chatapp:session";

    public static string? GetSessionKey(this ClaimsPrincipal principal) => principal.FindFirst(KeyType)?.Value;
}
