using ChatApp.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.Typing;

public static class TypingServiceCollectionExtensions
{
    /// <summary>"Is typing": the service and its reaction to lost access. Options come from the caller.</summary>
    public static IServiceCollection AddTypingCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddEventBus();
        services.AddSingleton<TypingService>();
        services.AddHostedService<TypingRevocations>();
        return services;
    }
}
