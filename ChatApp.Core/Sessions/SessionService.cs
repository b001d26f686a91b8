using ChatApp.Core.Data;
using ChatApp.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Sessions;

/// <summary>
/// What a person may do with their signed-in devices: see them, end one, end all but the one in use. Every rule
/// takes the signed-in user's id, so nobody can list or end another account's sessions. Sessions are deleted first
/// and their open tabs told after.
/// </summary>
public sealed class SessionService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus events, TimeProvider time)
{
    public async Task<IReadOnlyList<SessionView>> ListAsync(string userId, string? currentKey, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastActivityAt)
            .Select(s => new { s.Key, s.Browser, s.Address, s.CreatedAt, s.LastActivityAt })
            .ToListAsync(cancellationToken);
        // The device in use first, then the most recently active.
        return [.. sessions
            .Select(s => new SessionView(s.Key, s.Browser, s.Address, s.CreatedAt, s.LastActivityAt, s.Key == currentKey))
            .OrderByDescending(s => s.IsCurrent)];
    }

    /// <summary>Ends one of the user's own sessions. False when the user has no such session.</summary>
    public async Task<bool> EndAsync(string userId, string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ended = await db.UserSessions.Where(s => s.UserId == userId && s.Key == key).ExecuteDeleteAsync(cancellationToken);
        if (ended == 0)
        {
            return false;
        }
        events.Publish(EventKey.User(userId), new SessionsEnded(userId, [key]));
        return true;
    }

    /// <summary>
    /// Ends every session of the user except <paramref name="keepKey"/> (none kept when null): after a password
    /// change or reset, or "sign out all others". Returns how many ended.
    /// </summary>
    public async Task<int> EndOthersAsync(string userId, string? keepKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.UserSessions
            .Where(s => s.UserId == userId && s.Key != keepKey)
            .Select(s => s.Key)
            .ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return 0;
        }
        await db.UserSessions.Where(s => s.UserId == userId && keys.Contains(s.Key)).ExecuteDeleteAsync(cancellationToken);
        events.Publish(EventKey.User(userId), new SessionsEnded(userId, keys));
        return keys.Count;
    }
}
