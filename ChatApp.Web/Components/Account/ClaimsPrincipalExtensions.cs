using System.Security.Claims;
using ChatApp.Core.Data;

namespace ChatApp.Web.Components.Account;

public static class ClaimsPrincipalExtensions
{
    public static string? GetUserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static string GetDisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ChatClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "";
}
