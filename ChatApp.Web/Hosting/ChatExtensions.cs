using ChatApp.Core.Chat;
using ChatApp.Core.People;
using ChatApp.Core.Typing;
using ChatApp.Web.Rooms;

namespace ChatApp.Web.Hosting;

public static class ChatExtensions
{
    public static void AddChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.SectionName);
        builder.Services.AddOptions<TypingOptions>().BindConfiguration(TypingOptions.SectionName);
        builder.Services.AddChatCore();
        builder.Services.AddTypingCore();
        builder.Services.AddPeopleCore();
        builder.Services.AddScoped<VisibleRooms>();
        builder.Services.AddScoped<UnreadBadges>();
    }
}
