using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Tests.Infrastructure;

/// <summary>
/// The real database, with a way to hold one chosen call to <see cref="CreateDbContextAsync"/> until the test lets
/// it go: how a test makes "the user navigated away while the page was still loading" happen on purpose.
/// </summary>
public sealed class PausingDbContextFactory : IDbContextFactory<ChatDbContext>
{
    private DbContextOptions<ChatDbContext>? options;
    private int calls;
    private int pauseAt = -1;
    private int failAt = -1;
    private TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PausingDbContextFactory Using(DbContextOptions<ChatDbContext> contextOptions)
    {
        options = contextOptions;
        return this;
    }

    /// <summary>Holds the <paramref name="call"/>-th context request from now on; the task completes when it is held.</summary>
    public Task PauseAtCall(int call)
    {
        reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref calls, 0);
        Volatile.Write(ref pauseAt, call);
        return reached.Task;
    }

    public void Resume() => release.TrySetResult();

    /// <summary>The <paramref name="call"/>-th context request from now on fails, as a database that is down would.</summary>
    public void FailAtCall(int call)
    {
        Volatile.Write(ref calls, 0);
        Volatile.Write(ref failAt, call);
    }

    public ChatDbContext CreateDbContext() => new(options ?? throw new InvalidOperationException("Call Using(options) first."));

    public async Task<ChatDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref calls);
        if (call == Volatile.Read(ref failAt))
        {
            throw new InvalidOperationException("The database is not answering (a test made it so).");
        }
        if (call == Volatile.Read(ref pauseAt))
        {
            reached.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        }
        return CreateDbContext();
    }
}
