using ChatApp.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>The people list, stars and last-seen times, and chosen statuses: singletons shared by every circuit.</summary>
    public static IServiceCollection AddPeopleCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddEventBus();
        services.AddSingleton<PeopleService>();
        services.AddSingleton<StatusChoices>();
        return services;
    }
}
