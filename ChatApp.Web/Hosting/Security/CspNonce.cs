using System.Security.Cryptography;

namespace ChatApp.Web.Hosting.Security;

/// <summary>
/// A fresh random value per response that lets exactly the inline scripts we render ourselves (Blazor's import map)
/// pass the Content-Security-Policy; injected markup cannot guess it.
/// </summary>
public static class CspNonce
{
    private static readonly object Key = new();

    internal static string Create(HttpContext context)
    {
        // Hex, not base64: base64's "+" is written as &#x2B; in the page, so the page source and the header would differ.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[Key] = nonce;
        return nonce;
    }

    /// <summary>This response's nonce, for a <c>nonce</c> attribute on an inline script.</summary>
    public static string? GetCspNonce(this HttpContext context) => context.Items[Key] as string;
}
