using ChatApp.Core.Diagnostics;
using ChatApp.Core.Presence;
using ChatApp.Web.Operations.Status;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Hosting;

public static class StatusExtensions
{
    /// <summary>
    /// The live <c>/admin/status</c> page's data: one sampler per instance reading the app's instruments by name,
    /// publishing a sample every <see cref="StatusOptions.SampleEvery"/> on the event bus, and one board per instance
    /// keeping an hour of every instance's samples for the open pages to share.
    /// </summary>
    public static void AddStatusPage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StatusOptions>().BindConfiguration(StatusOptions.SectionName)
            .Validate(o => o.SampleEvery > TimeSpan.Zero && o.NodeDownAfter > TimeSpan.Zero,
                "Status:SampleEvery and Status:NodeDownAfter must be positive")
            .ValidateOnStart();
        services.AddChatMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StatusMeters>();
        services.AddSingleton<StatusBoard>();
        services.AddSingleton(sp => new StatusSampler(
            sp.GetRequiredService<StatusMeters>(),
            sp.GetRequiredService<StatusBoard>(),
            sp.GetRequiredService<Core.Events.IEventBus>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<StatusOptions>>(),
            sp.GetRequiredService<PresenceTracker>().NodeId,
            sp.GetRequiredService<ILogger<StatusSampler>>()));
        services.AddHostedService(sp => sp.GetRequiredService<StatusSampler>());
    }
}
