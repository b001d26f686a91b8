using ChatApp.Core.Chat;

namespace ChatApp.Web.Hosting;

public static class ChatExtensions
{
    public static void AddChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.SectionName);
        builder.Services.AddChatCore();
    }
}
