using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using ChatApp.Core.Data;

namespace ChatApp.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    /// <summary>Goes to a page of this app; an address that is not one of ours goes to the rooms instead (no open redirect).</summary>
    public void RedirectTo(string? uri)
    {
        navigationManager.NavigateTo(uri is "" ? "" : LocalPathOrNull(uri) ?? ReturnUrls.Default);
    }

    /// <summary>After signing in or registering: back where the person came from if that is ours, else the rooms.</summary>
    public void RedirectToReturnUrl(string? returnUrl) => RedirectTo(LocalPathOrNull(returnUrl) ?? ReturnUrls.Default);

    public string? LocalPathOrNull(string? url) => ReturnUrls.LocalPathOrNull(url, navigationManager.BaseUri);

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ChatUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", $"Error: Unable to load user with ID '{userManager.GetUserId(context.User)}'.", context);
}
