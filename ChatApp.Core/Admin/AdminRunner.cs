using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatApp.Core.Admin;

/// <summary>
/// The one preamble of every administrative operation: a short-lived database context (a write transaction when the
/// operation's rule reads what another administrator may be changing at the same moment), the acting user loaded
/// from their id and refused unless they hold the Admin role, then the operation, which saves its change together
/// with its audit entry through the <see cref="AdminScope"/> it is given.
/// </summary>
public sealed class AdminRunner(IDbContextFactory<ChatDbContext> dbFactory, TimeProvider time)
{
    public static readonly ChatError NotAllowed = new(ChatErrorKind.NotAllowed, "Only administrators may do that.");

    public async Task<bool> IsAdminAsync(string actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Actor.FindAsync(db, actorId, time.GetUtcNow(), ct) is { IsAdmin: true };
    }

    /// <summary>Runs an operation that answers with an error or nothing.</summary>
    internal Task<ChatError?> RunAsync(string actorId, Func<AdminScope, Task<ChatError?>> operation, CancellationToken ct, bool exclusive = false) =>
        RunAsync(actorId, operation, NotAllowed, exclusive, ct);

    /// <summary>Runs an operation that answers with a value or an error.</summary>
    internal Task<ChatResult<T>> RunAsync<T>(string actorId, Func<AdminScope, Task<ChatResult<T>>> operation, CancellationToken ct, bool exclusive = false)
        where T : class =>
        RunAsync(actorId, operation, (ChatResult<T>)NotAllowed, exclusive, ct);

    /// <summary>Runs an operation of the signed-in user on their own account (no Admin role needed), audited the same way.</summary>
    internal async Task<ChatError?> RunAsSelfAsync(string userId, Func<AdminScope, Task<ChatError?>> operation, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginExclusiveTransactionAsync(ct);
        if (await Actor.FindAsync(db, userId, time.GetUtcNow(), ct) is not { } self)
        {
            return new ChatError(ChatErrorKind.NotAllowed, "You are not allowed to do that.");
        }
        return await RunInScopeAsync(new AdminScope(db, self, time), transaction, operation, ct);
    }

    private async Task<TResult> RunAsync<TResult>(
        string actorId, Func<AdminScope, Task<TResult>> operation, TResult notAllowed, bool exclusive, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One writer at a time (BEGIN IMMEDIATE, or the advisory lock on PostgreSQL): e.g. two admins locking each other cannot both pass the last-admin check.
        await using var transaction = exclusive ? await db.Database.BeginExclusiveTransactionAsync(ct) : null;
        if (await Actor.FindAsync(db, actorId, time.GetUtcNow(), ct) is not { IsAdmin: true } admin)
        {
            return notAllowed;
        }
        return await RunInScopeAsync(new AdminScope(db, admin, time), transaction, operation, ct);
    }

    private static async Task<TResult> RunInScopeAsync<TResult>(
        AdminScope scope, IDbContextTransaction? transaction, Func<AdminScope, Task<TResult>> operation, CancellationToken ct)
    {
        var result = await operation(scope);
        if (transaction is not null && scope.Saved)
        {
            await transaction.CommitAsync(ct);
        }
        scope.RunAfterSave();
        return result;
    }
}
