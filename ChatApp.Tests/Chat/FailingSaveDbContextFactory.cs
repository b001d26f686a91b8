using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatApp.Tests.Chat;

/// <summary>
/// The real database, except that while <see cref="Failing"/> is set every save fails as a full disk would:
/// how a test makes a send get past every check and then not be stored.
/// </summary>
public sealed class FailingSaveDbContextFactory(DbContextOptions<ChatDbContext> options) : IDbContextFactory<ChatDbContext>
{
    private volatile bool failing;

    public bool Failing
    {
        get => failing;
        set => failing = value;
    }

    public ChatDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<ChatDbContext>(options).AddInterceptors(new FailSaves(this)).Options);

    public Task<ChatDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(CreateDbContext());

    private sealed class FailSaves(FailingSaveDbContextFactory owner) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            owner.Failing
                ? throw new DbUpdateException("database or disk is full (a test made it so)")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
