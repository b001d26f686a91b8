using System.Net;
using System.Text.RegularExpressions;

namespace ChatApp.Tests.Integration.Accounts;

/// <summary>Posting the static-rendered account forms as a browser does: with the antiforgery token of the page.</summary>
public static partial class Forms
{
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"{page} has no antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Opens <paramref name="page"/> for its token, then posts the form named <paramref name="formName"/> to <paramref name="postTo"/> (the page itself by default).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string page, string formName, IReadOnlyDictionary<string, string> fields, string? postTo = null)
    {
        var token = await client.AntiforgeryTokenAsync(page);
        var content = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = token,
        };
        return await client.PostAsync(postTo ?? page, new FormUrlEncodedContent(content));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, string page = "/Account/Login") =>
        client.PostFormAsync(page, "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string displayName, string password, string page = "/Account/Register") =>
        client.PostFormAsync(page, "register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = displayName,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    /// <summary>The text of the element with this data-testid, or null when the page has none.</summary>
    public static string? TestIdText(string html, string testId)
    {
        var match = Regex.Match(html, $"<(\\w+)[^>]*data-testid=\"{testId}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[2].Value, "<[^>]+>", "")).Trim() : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
