using System.Buffers.Text;
using System.Security.Cryptography;
using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatApp.Core.Sessions;

/// <summary>What the store keeps about a new or renewed session, apart from its key.</summary>
public sealed record SessionTicket(string UserId, byte[] Ticket, string Fingerprint, DateTimeOffset? ExpiresAt);

/// <summary>
/// The server-side half of every auth cookie, in the database: it survives restarts and is shared by every app
/// instance. Called on each request, so reads are one query and writes are throttled to
/// <see cref="UserSessionOptions.ActivityResolution"/>. Thread-safe: each call uses its own context.
/// </summary>
public sealed class SessionStore(
    IDbContextFactory<ChatDbContext> dbFactory,
    TimeProvider time,
    IOptions<UserSessionOptions> options)
{
    private UserSessionOptions Options => options.Value;

    /// <summary>A new unguessable session key (256 random bits).</summary>
    public static string NewKey() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Saves a new session under <paramref name="key"/> (from <see cref="NewKey"/>).</summary>
    public async Task CreateAsync(string key, SessionTicket ticket, string? userAgent, string? address, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var session = new UserSession
        {
            Key = key,
            UserId = ticket.UserId,
            Ticket = ticket.Ticket,
            Fingerprint = ticket.Fingerprint,
            Browser = BrowserSummary.Describe(userAgent),
            Address = Trim(address),
            CreatedAt = now,
            LastActivityAt = now,
            ExpiresAt = ticket.ExpiresAt ?? now + Options.DefaultLifetime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The session's ticket, or null when it was ended or has expired. Records activity (and the address it came
    /// from) at most once per <see cref="UserSessionOptions.ActivityResolution"/>.
    /// </summary>
    public async Task<byte[]?> FindAsync(string key, string? address, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (session is null || !await KeepAliveAsync(db, session, address, cancellationToken))
        {
            return null;
        }
        return session.Ticket;
    }

    /// <summary>Whether the session still exists and has not expired; an open tab asking counts as activity.</summary>
    public async Task<bool> IsActiveAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.UserSessions.AsNoTracking()
            .Where(s => s.Key == key)
            .Select(s => new UserSession { Key = s.Key, Address = s.Address, LastActivityAt = s.LastActivityAt, ExpiresAt = s.ExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        return session is not null && await KeepAliveAsync(db, session, session.Address, cancellationToken);
    }

    /// <summary>
    /// Replaces the session's ticket. The same claims re-issued with a slightly later expiry (as happens on every
    /// request) are written at most once per resolution. A session ended meanwhile stays ended.
    /// </summary>
    public async Task RenewAsync(string key, SessionTicket ticket, string? address, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (session is null)
        {
            return;
        }
        if (session.UserId != ticket.UserId)
        {
            // Someone signed in as another person over a live session (a shared computer): the cookie handler renews
            // the old key instead of storing a new one. Re-pointing the row would hand the first person's other
            // copies of this cookie to the second; ending it leaves this browser signed out, and the next sign-in
            // stores a fresh session.
            await db.UserSessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        var expiresAt = ticket.ExpiresAt ?? now + Options.DefaultLifetime;
        if (session.Fingerprint == ticket.Fingerprint && (expiresAt - session.ExpiresAt).Duration() < Options.ActivityResolution)
        {
            return;
        }
        session.Ticket = ticket.Ticket;
        session.Fingerprint = ticket.Fingerprint;
        session.ExpiresAt = expiresAt;
        session.LastActivityAt = now;
        session.Address = Trim(address) ?? session.Address;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The session was ended between reading and writing it: it stays ended, and this request is not a 500.
        }
    }

    /// <summary>Ends one session by its key (the cookie's own sign-out). True when there was one to end.</summary>
    public async Task<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UserSessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Deletes every expired session; returns how many.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UserSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> KeepAliveAsync(ChatDbContext db, UserSession session, string? address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (session.ExpiresAt <= now)
        {
            await db.UserSessions.Where(s => s.Key == session.Key).ExecuteDeleteAsync(cancellationToken);
            return false;
        }
        if (now - session.LastActivityAt >= Options.ActivityResolution)
        {
            var newAddress = Trim(address) ?? session.Address;
            // Conditional on the value read, so that many requests at once record the activity once.
            await db.UserSessions
                .Where(s => s.Key == session.Key && s.LastActivityAt == session.LastActivityAt)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.LastActivityAt, now)
                    .SetProperty(s => s.Address, newAddress), cancellationToken);
        }
        return true;
    }

    private static string? Trim(string? address) =>
        address is { Length: > UserSession.AddressMaxLength } ? address[..UserSession.AddressMaxLength] : address;
}
