using System.Collections.Concurrent;
using ChatApp.Core.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Integration.Sessions;

/// <summary>
/// The cookie's security-stamp check runs on every request in a scope that ends with the check, so a long-lived
/// request (a tab's /_blazor connection) does not keep a DbContext, UserManager and SignInManager for its whole life.
/// </summary>
public sealed class StampCheckScopeTests : SessionIntegrationTest
{
    private readonly Probe probe = new();

    public override async Task InitializeAsync()
    {
        App.Settings["Sessions:RevalidationInterval"] = "01:00:00";
        await base.InitializeAsync();
    }

    [Fact]
    public async Task TheStampCheckIsOverBeforeTheRequestEndsAndStillSignsIn()
    {
        var app = App.WithWebHostBuilder(web => web.ConfigureServices(services =>
        {
            services.AddSingleton(probe);
            services.AddScoped<SecurityStampValidator<ChatUser>>();
            services.AddScoped<ISecurityStampValidator, RecordingValidator>();
            services.AddSingleton<IStartupFilter>(new ProbeFilter(probe));
        }));
        var browser = new CookieBrowser(app);
        await browser.SignInAsync(AliceEmail, Password);
        probe.Checks.Clear();
        probe.StillOpenAtEnd.Clear();

        Assert.True(await browser.IsSignedInAsync());

        Assert.NotEmpty(probe.Checks);
        // Every scope a check ran in was already disposed when the request's pipeline returned.
        Assert.Empty(probe.StillOpenAtEnd);
    }

    public sealed class Probe
    {
        public ConcurrentBag<IServiceProvider> Checks { get; } = [];
        public ConcurrentBag<IServiceProvider> StillOpenAtEnd { get; } = [];
    }

    private sealed class RecordingValidator(SecurityStampValidator<ChatUser> inner, IServiceProvider scope, Probe probe)
        : ISecurityStampValidator
    {
        public Task ValidateAsync(CookieValidatePrincipalContext context)
        {
            probe.Checks.Add(scope);
            return inner.ValidateAsync(context);
        }
    }

    private sealed class ProbeFilter(Probe probe) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, pipeline) =>
            {
                await pipeline(context);
                foreach (var scope in probe.Checks.Where(IsOpen))
                {
                    probe.StillOpenAtEnd.Add(scope);
                }
            });
            next(app);
        };

        private static bool IsOpen(IServiceProvider scope)
        {
            try
            {
                scope.GetService(typeof(Probe));
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
