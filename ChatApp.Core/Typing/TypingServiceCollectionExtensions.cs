using ChatApp.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.Typing;

public static class TypingServiceCollectionExtensions
{
    /// <summary>"Is typing": the service (it reacts to lost access through the RoomAccess it is given). Options come from the caller.</summary>
    public static IServiceCollection AddTypingCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddEventBus();
        services.AddSingleton<TypingService>();
        return services;
    }
}
