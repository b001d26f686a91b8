using ChatApp.Core.Admin;
using ChatApp.Web.Circuits;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Hosting;

public static class AdminExtensions
{
    public static void AddAdmin(this WebApplicationBuilder builder)
    {
        // Locking an account changes its security stamp; checking the stamp on every request makes that immediate.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        builder.Services.AddAdminCore();
        builder.Services.AddScoped<CircuitHandler, AccountLockCircuitHandler>();
    }
}
