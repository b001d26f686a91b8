using ChatApp.Core.Data;
using ChatApp.Web.Operations.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Web.Hosting;

public static class HealthExtensions
{
    /// <summary>
    /// Readiness: the database answers a query, every migration is applied, Redis answers when `Backplane:Redis` is
    /// set, the presence engine ticks, and the app is not stopping. Liveness checks nothing: the process answers.
    /// </summary>
    public static void AddChatHealth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName)
            .Validate(o => o.PresenceHeartbeat > TimeSpan.Zero, "Health:PresenceHeartbeat must be positive.")
            .ValidateOnStart();
        services.AddSingleton<PresenceHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceHeartbeat>());

        var checks = services.AddHealthChecks()
            // A real read, not only an open connection (SQLite opens a missing or damaged file without complaint); the lobby
            // is seeded at start, so a database without rooms is not this app's.
            .AddDbContextCheck<ChatDbContext>("database", tags: [HealthTags.Ready],
                customTestQuery: (db, ct) => db.Rooms.AnyAsync(ct))
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [HealthTags.Ready])
            .AddCheck<PresenceHeartbeat>("presence", tags: [HealthTags.Ready])
            .AddCheck<StoppingHealthCheck>("lifetime", tags: [HealthTags.Ready]);
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Backplane:Redis"]))
        {
            checks.AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
        }
    }

    /// <summary>
    /// `/health/live` and `/health/ready`: open to anyone (a probe has no cookie), never redirected to sign-in, not
    /// rate limited (only form posts are), status word only unless an operator asks.
    /// </summary>
    public static void MapChatHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
    }
}
