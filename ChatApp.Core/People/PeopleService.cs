using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.People;

public sealed record Person(string UserId, string DisplayName, DateTimeOffset? LastSeenAt, bool IsWatched);

/// <summary>The people directory, the viewer's watch list, and last-seen times.</summary>
public sealed class PeopleService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus events, TimeProvider time)
{
    /// <summary>
    /// Each star or unstar is a database write and a reload in every tab of the user: plenty for a person, and a
    /// script flooding them is refused before it costs anything, so it cannot slow anyone else down.
    /// </summary>
    public const int WatchChangesPerMinute = 30;

    private static readonly ChatError NotAllowed = new(ChatErrorKind.NotAllowed, "You are not allowed to do that.");

    private readonly UserRateLimit watchChanges = new(time, () => (WatchChangesPerMinute, TimeSpan.FromMinutes(1)));

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
        if (!watchChanges.TryAcquire(viewerId))
        {
            return new ChatError(ChatErrorKind.TooFast, "You are changing your stars too often. Wait a minute and try again.");
        }
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
        catch (DbUpdateException)
        {
            // Starred or unstarred from two tabs at once: the other tab already made it so.
        }
        events.Publish(EventKey.User(viewerId), new WatchListChanged(viewerId));
        return null;
    }

    public async Task RecordLastSeenAsync(string userId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSeenAt, at), ct);
    }
}
