using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.People;

public sealed record Person(string UserId, string DisplayName, DateTimeOffset? LastSeenAt, bool IsWatched);

/// <summary>The people directory, the viewer's watch list, and last-seen times.</summary>
public sealed class PeopleService(IDbContextFactory<ChatDbContext> dbFactory, ChatEventBus events, TimeProvider time)
{
    private static readonly ChatError NotAllowed = new(ChatErrorKind.NotAllowed, "You are not allowed to do that.");

    public async Task<IReadOnlyList<Person>> ListAsync(string viewerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await Actor.FindAsync(db, viewerId, time.GetUtcNow(), ct) is null)
        {
            return [];
        }
        return await db.Users
            .OrderBy(u => u.DisplayName)
            .Select(u => new Person(
                u.Id,
                u.DisplayName,
                u.LastSeenAt,
                db.WatchedUsers.Any(w => w.WatcherId == viewerId && w.WatchedId == u.Id)))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlySet<string>> WatchedByAsync(string viewerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.WatchedUsers.Where(w => w.WatcherId == viewerId).Select(w => w.WatchedId).ToListAsync(ct);
        return ids.ToHashSet();
    }

    /// <summary>Stars or unstars someone; idempotent either way.</summary>
    public async Task<ChatError?> SetWatchedAsync(string viewerId, string watchedId, bool watched, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await Actor.FindAsync(db, viewerId, time.GetUtcNow(), ct) is null)
        {
            return NotAllowed;
        }
        if (viewerId == watchedId)
        {
            return new ChatError(ChatErrorKind.NotAllowed, "You cannot watch yourself.");
        }
        if (!await db.Users.AnyAsync(u => u.Id == watchedId, ct))
        {
            return new ChatError(ChatErrorKind.NotFound, "There is no such person.");
        }
        var existing = await db.WatchedUsers.FindAsync([viewerId, watchedId], ct);
        if (watched && existing is null)
        {
            db.WatchedUsers.Add(new WatchedUser { WatcherId = viewerId, WatchedId = watchedId });
        }
        else if (!watched && existing is not null)
        {
            db.WatchedUsers.Remove(existing);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (watched)
        {
            // Starred from two tabs at once: the other tab's row is the same row.
        }
        events.AccountChanges.Publish(new AccountChange(viewerId, AccountChangeKind.WatchListChanged));
        return null;
    }

    public async Task RecordLastSeenAsync(string userId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSeenAt, at), ct);
    }
}
