using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Core.Chat.Reading;

public static class ReadingServiceCollectionExtensions
{
    /// <summary>Read positions and unread counts (a singleton: it holds no state of its own).</summary>
    public static IServiceCollection AddReadingCore(this IServiceCollection services)
    {
        services.AddSingleton<ReadingService>();
        return services;
    }
}
