using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.Diagnostics;

public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>
    /// The app's instruments (<see cref="ChatMetrics"/>) on the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.
    /// Called by every Core feature that records into them; registering twice is harmless.
    /// </summary>
    public static IServiceCollection AddChatMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<ChatMetrics>();
        return services;
    }
}
