using ChatApp.Core.Chat.Content;
using ChatApp.Core.Chat.Direct;
using ChatApp.Core.Chat.Reading;
using ChatApp.Core.Diagnostics;
using ChatApp.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Core.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>Rooms and messages: singletons shared by every circuit. Options come from the caller.</summary>
    public static IServiceCollection AddChatCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddEventBus();
        services.AddChatMetrics();
        services.AddSingleton<SendRateLimiter>();
        // Unless a shared limiter of several instances was registered before (it uses the one above as its fallback).
        services.TryAddSingleton<ISendRateLimiter>(sp => sp.GetRequiredService<SendRateLimiter>());
        services.AddSingleton<RoomAccessRegistry>();
        services.AddSingleton<RoomHistoryCache>();
        services.AddSingleton<MentionNames>();
        services.AddHostedService(sp => sp.GetRequiredService<MentionNames>());
        services.AddSingleton<MessageContent>();
        services.AddSingleton<MentionSuggestions>();
        // Sends under way, which a graceful stop waits for (the host's ShutdownExtensions closes it).
        services.TryAddSingleton<InFlightSends>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<DirectMessages>();
        services.AddReadingCore();
        // Takes room access away on the administrative events (every holder of a RoomAccess reacts).
        services.AddHostedService<RoomAccessRevocations>();
        return services;
    }
}
