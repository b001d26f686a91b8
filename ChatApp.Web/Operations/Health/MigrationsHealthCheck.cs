using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatApp.Web.Operations.Health;

/// <summary>
/// Every migration of the configured provider (SQLite or PostgreSQL) is applied: a database restored from an old
/// backup, or an instance of a newer build sharing an older database, is not ready.
/// </summary>
internal sealed class MigrationsHealthCheck(IDbContextFactory<ChatDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var data = new Dictionary<string, object> { ["provider"] = db.Database.ProviderName ?? "", ["pending"] = pending.Count };
        return pending.Count == 0
            ? HealthCheckResult.Healthy("Every migration is applied.", data)
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"{pending.Count} migration(s) not applied, the first {pending[0]}.", data: data);
    }
}
