using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// The event bus every feature publishes and subscribes on: in-process unless another implementation of
    /// <see cref="IEventBus"/> was registered first (a backplane, or a test's).
    /// </summary>
    public static IServiceCollection AddEventBus(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IEventBus)))
        {
            // Another bus is the node's: a stray in-process one beside it would hear nothing anybody publishes.
            return services;
        }
        services.TryAddSingleton<InProcessEventBus>();
        services.TryAddSingleton<IEventBus>(sp => sp.GetRequiredService<InProcessEventBus>());
        return services;
    }
}
