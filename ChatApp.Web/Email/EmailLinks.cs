using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Email;

/// <summary>
/// Absolute links for emails, built on <see cref="EmailOptions.PublicBaseUrl"/>, never on the request's Host header:
/// anyone can send a request with a Host of their own and would otherwise get a real reset email pointing at them.
/// </summary>
public sealed class EmailLinks(NavigationManager navigation, IOptions<EmailOptions> options)
{
    public string To(string relativePath, IReadOnlyDictionary<string, object?> query)
    {
        var configured = options.Value.PublicBaseUrl;
        // Without a public address no email is sent (start-up refuses SMTP without one), so the request's own is harmless.
        var baseUri = new Uri(string.IsNullOrWhiteSpace(configured) ? navigation.BaseUri : configured.TrimEnd('/') + "/");
        return navigation.GetUriWithQueryParameters(new Uri(baseUri, relativePath).AbsoluteUri, query);
    }
}
