using System.Net;
using ChatApp.Web.Hosting.Security;
using Microsoft.AspNetCore.DataProtection;
using ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders;

namespace ChatApp.Web.Hosting;

public static class SecurityExtensions
{
    public static void AddChatSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ForwardedHeadersSettings>()
            .BindConfiguration(ForwardedHeadersSettings.SectionName)
            .Validate(s => !s.Invalid().Any(),
                "ForwardedHeaders:KnownProxies must be IP addresses (10.0.0.5) and ForwardedHeaders:KnownNetworks CIDR ranges (10.0.0.0/8).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<ForwardedHeadersSettings>, IConfiguration>((options, settings, configuration) =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                // ASP.NET's defaults (loopback) stay; configured proxies come on top.
                foreach (var proxy in settings.Value.KnownProxies.Where(p => IPAddress.TryParse(p, out _)))
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
                foreach (var network in settings.Value.KnownNetworks.Where(n => IPNetwork.TryParse(n, out _)))
                {
                    options.KnownIPNetworks.Add(IPNetwork.Parse(network));
                }
                // A trusted proxy's X-Forwarded-Host must still be one of ours.
                var hosts = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (!hosts.Contains("*"))
                {
                    options.AllowedHosts = hosts;
                }
            });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        // The sign-in cookies are Secure whenever the request is https (behind a trusted proxy too); the antiforgery
        // cookie is not by default, so it is made to follow the same rule.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // Keys that sign the sign-in and antiforgery cookies: kept where the server says, or ASP.NET's default
        // (the user profile's DataProtection-Keys). The fixed name keeps cookies valid when the app moves folder.
        var dataProtection = services.AddDataProtection().SetApplicationName("ChatApp");
        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(builder.Environment.ContentRootPath, keysPath)));
        }
    }

    /// <summary>
    /// First in the pipeline, in this order: forwarded headers (so everything after sees the client's address,
    /// scheme and host), security headers on every response, error pages without details, HSTS and https
    /// redirection outside Development (both act only when the request is, or should be, on https), and only
    /// then routing, authentication and authorization. Called explicitly here because ASP.NET would otherwise put
    /// them before all of the above, and a sign-in redirect would leave without headers, with an absolute URL.
    /// </summary>
    public static void UseChatSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseChatErrorPages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
    }
}
