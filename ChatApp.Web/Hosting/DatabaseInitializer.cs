using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Hosting;

/// <summary>Hosted services start before Kestrel listens, so no request ever meets an unmigrated database.</summary>
internal sealed class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<AdminAccountOptions> admin) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a message is written; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await scope.ServiceProvider.GetRequiredService<ChatSeeder>().SeedAsync(admin.Value, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
