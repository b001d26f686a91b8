using ChatApp.Web.Operations.Backups;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatApp.Web.Hosting;

public static class BackupExtensions
{
    /// <summary>Scheduled SQLite backups (`Backup:*`, off by default); the one-off command is <see cref="BackupCommand"/>.</summary>
    public static void AddChatBackups(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<BackupOptions>()
            .BindConfiguration(BackupOptions.SectionName)
            .Validate(o => o.Every >= TimeSpan.FromMinutes(1), "Backup:Every must be at least 00:01:00.")
            .Validate(o => o.Keep >= 1, "Backup:Keep must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddHostedService<ScheduledBackups>();
    }
}
