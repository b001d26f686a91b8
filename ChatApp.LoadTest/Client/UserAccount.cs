using System.Net;
using System.Text.RegularExpressions;

namespace ChatApp.LoadTest.Client;

/// <summary>
/// One person's browser profile: the cookie jar every tab of that person shares. The account forms allow only a few
/// posts per minute from one address, so a person registers (or signs in) once and all their tabs reuse the cookie.
/// </summary>
public sealed partial class UserAccount : IDisposable
{
    private readonly HttpClient http;

    public UserAccount(Uri baseUri, string email, string displayName, string password)
    {
        BaseUri = baseUri;
        Email = email;
        DisplayName = displayName;
        Password = password;
        http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Uri BaseUri { get; }
    public string Email { get; }
    public string DisplayName { get; }
    public string Password { get; }
    public CookieContainer Cookies { get; } = new();

    /// <summary>Registers through the real form; if the address is taken (a rerun), signs in instead.</summary>
    public async Task RegisterOrSignInAsync(CancellationToken cancellationToken)
    {
        var registered = await PostFormAsync("Account/Register", "register", new()
        {
            ["Input.Email"] = Email,
            ["Input.DisplayName"] = DisplayName,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        }, cancellationToken);
        if (registered)
        {
            return;
        }
        var signedIn = await PostFormAsync("Account/Login", "login", new()
        {
            ["Input.Email"] = Email,
            ["Input.Password"] = Password,
        }, cancellationToken);
        if (!signedIn)
        {
            throw new LoadTestException($"Neither registration nor sign-in worked for {Email} (does the server require confirmed accounts?).");
        }
    }

    /// <summary>Whether the cookies in the jar still sign this person in (the rooms page loads without a redirect).</summary>
    public async Task<bool> IsSignedInAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("rooms", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The HTML of a page, as a browser tab would load it with this person's cookies.</summary>
    public async Task<string> GetPageAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path.TrimStart('/'), cancellationToken);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location?.ToString().Contains("Account/Login", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new LoadTestException($"{Email} is not signed in: GET {path} redirected to the sign-in page.");
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new LoadTestException($"GET {path} answered {(int)response.StatusCode}.");
        }
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>What the browser sends when a tab closes (navigator.sendBeacon to /_blazor/disconnect).</summary>
    public async Task DisconnectCircuitAsync(string circuitSecret, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent([new("circuitId", circuitSecret)]);
        using var response = await http.PostAsync("_blazor/disconnect", content, cancellationToken);
    }

    /// <returns>true when the form redirected (accepted); false when it showed the form again (refused).</returns>
    private async Task<bool> PostFormAsync(string path, string formName, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var form = await GetPageAsync(path, cancellationToken);
        var token = AntiforgeryToken().Match(form);
        if (!token.Success)
        {
            throw new LoadTestException($"No antiforgery token on {path}.");
        }
        fields["_handler"] = formName;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(path, content, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new LoadTestException(
                $"POST {path} was rate limited (429). All load tabs come from one address: start the server with " +
                "RateLimits__Register__PermitLimit=100000 and RateLimits__SignIn__PermitLimit=100000, or use fewer users.");
        }
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public void Dispose() => http.Dispose();
}

public sealed class LoadTestException(string message) : Exception(message);
