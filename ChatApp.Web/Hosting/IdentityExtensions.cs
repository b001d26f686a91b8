using ChatApp.Core.Accounts;
using ChatApp.Core.Data;
using ChatApp.Web.Components.Account;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Hosting;

public static class IdentityExtensions
{
    public static void AddChatIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
            cookie => cookie.Events.OnValidatePrincipal = InOwnScope(cookie.Events.OnValidatePrincipal));
        services.AddAuthorization();

        services.AddChatIdentityCore(options =>
            {
                // NIST SP 800-63B: length and a blocklist (PasswordPolicyValidator), no composition rules.
                options.Password.RequiredLength = PasswordPolicy.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
            })
            .AddPasswordValidator<PasswordPolicyValidator>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // Identity:SignIn:RequireConfirmedAccount, Identity:Lockout:*, Identity:Password:* ... as in IdentityOptions.
        services.AddOptions<IdentityOptions>().BindConfiguration("Identity");
    }

    /// <summary>
    /// Runs the cookie's security-stamp check (every request, see AddAdmin) in a scope of its own that ends with it.
    /// In the request's scope it left a DbContext with the user tracked, UserManager, SignInManager and Identity's
    /// validators and token providers in that scope; a tab's /_blazor request lives as long as the tab, so every open
    /// tab held them (~10 KB) for nothing.
    /// </summary>
    private static Func<CookieValidatePrincipalContext, Task> InOwnScope(Func<CookieValidatePrincipalContext, Task> check) =>
        async context =>
        {
            var http = context.HttpContext;
            var requestServices = http.RequestServices;
            await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            http.RequestServices = scope.ServiceProvider;
            try
            {
                await check(context);
            }
            finally
            {
                http.RequestServices = requestServices;
            }
        };
}
