using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Core.Chat.Reading;

public static class ReadingServiceCollectionExtensions
{
    /// <summary>Read positions and unread counts (a singleton: it holds no state of its own), and the live marks' writer.</summary>
    public static IServiceCollection AddReadingCore(this IServiceCollection services)
    {
        services.AddSingleton<ReadingService>();
        services.AddSingleton<ReadMarks>();
        // Writes the marks still waiting when the app stops.
        services.AddHostedService(sp => sp.GetRequiredService<ReadMarks>());
        return services;
    }
}
