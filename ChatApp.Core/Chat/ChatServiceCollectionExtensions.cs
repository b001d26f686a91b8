using ChatApp.Core.Admin;
using ChatApp.Core.People;
using ChatApp.Core.Typing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The chat services: singletons shared by every circuit. Options come from the caller.</summary>
    public static IServiceCollection AddChatCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChatEventBus>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<TypingService>();
        services.AddSingleton<PeopleService>();
        services.AddSingleton<StatusChoices>();
        services.AddSingleton<AdminService>();
        return services;
    }
}
