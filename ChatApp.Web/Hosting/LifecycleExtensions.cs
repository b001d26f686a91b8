namespace ChatApp.Web.Hosting;

/// <summary>Health probes and the graceful stop: the two halves of an instance a load balancer can start and stop.</summary>
public static class LifecycleExtensions
{
    /// <summary>Last among the features: the stop's hook then runs before every other hosted service's stop.</summary>
    public static void AddChatLifecycle(this WebApplicationBuilder builder)
    {
        builder.AddChatHealth();
        builder.AddGracefulShutdown();
    }

    /// <summary>After UseChatSecurity (routing, forwarded address, headers): the probes, and 503s while stopping.</summary>
    public static void UseChatLifecycle(this WebApplication app)
    {
        app.UseGracefulShutdown();
        app.MapChatHealth();
    }
}
