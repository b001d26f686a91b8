using ChatApp.Core.Accounts;
using ChatApp.Core.Data;
using ChatApp.Web.Components.Account;
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
}
