using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatApp.Tests.Integration.Sessions;

/// <summary>
/// A browser reduced to its cookie jar, against the in-memory app: it posts the app's real forms (with their
/// antiforgery tokens) and its cookies can be copied into another "browser", as a thief would.
/// </summary>
public sealed partial class CookieBrowser(WebApplicationFactory<Program> app)
{
    private readonly HttpClient client = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    private readonly Dictionary<string, string> cookies = [];

    /// <summary>Another browser holding a copy of every cookie this one has (its auth cookie included).</summary>
    public CookieBrowser CopyCookiesTo(WebApplicationFactory<Program> other)
    {
        var thief = new CookieBrowser(other);
        foreach (var (name, value) in cookies)
        {
            thief.cookies[name] = value;
        }
        return thief;
    }

    public async Task<HttpResponseMessage> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<string> GetPageAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Whether the account pages open (they redirect to sign-in otherwise).</summary>
    public async Task<bool> IsSignedInAsync()
    {
        var response = await GetAsync("/Account/Manage");
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.Redirect or HttpStatusCode.Found when response.Headers.Location!.OriginalString.Contains("/Account/Login") => false,
            var other => throw new InvalidOperationException($"Unexpected {other} from /Account/Manage"),
        };
    }

    public async Task SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/Account/Login", "/Account/Login", "login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await IsSignedInAsync(), "Signing in did not sign in");
    }

    public async Task SignOutAsync()
    {
        var response = await PostFormAsync("/Account/Manage", "/Account/Logout", handler: null, new() { ["returnUrl"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Opens <paramref name="formPage"/> for its antiforgery token, then posts the form to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, string? handler, Dictionary<string, string> fields)
    {
        var page = await GetPageAsync(formPage);
        fields["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value;
        if (handler is not null)
        {
            fields["_handler"] = handler;
        }
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) });
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    cookies.Remove(name);
                }
                else
                {
                    cookies[name] = value;
                }
            }
        }
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
