using ChatApp.Core.Chat;
using ChatApp.Web.Operations.Shutdown;

namespace ChatApp.Web.Hosting;

public static class ShutdownExtensions
{
    /// <summary>
    /// A graceful stop (see <see cref="GracefulShutdown"/>) within `Host:ShutdownTimeout`. Registered last among the
    /// hosted services' features, its hook runs before every other stop: hosted services stop in reverse order.
    /// </summary>
    public static void AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.SectionName)
            .Validate(o => o.ShutdownTimeout > TimeSpan.Zero, "Host:ShutdownTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<ShutdownOptions>>(
            (host, shutdown) => host.ShutdownTimeout = shutdown.Value.ShutdownTimeout);
        services.AddSingleton<GracefulShutdown>();
        services.AddHostedService<GracefulShutdownHook>();
    }

    /// <summary>After routing and authentication (UseChatUi's place is fine): refuses new circuits and pages while stopping.</summary>
    public static void UseGracefulShutdown(this WebApplication app) => app.UseRestartingResponses();
}
