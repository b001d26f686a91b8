using System.Collections.Concurrent;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.People;

/// <summary>
/// The status a user chose (busy, away, invisible), kept in the database so it outlives a restart, as Slack's
/// do-not-disturb does. Presence holds the live copy; this is where it comes from after a restart.
/// </summary>
public sealed class StatusChoices(
    IDbContextFactory<ChatDbContext> dbFactory,
    ActivityTracker activity,
    PresenceTracker presence,
    TimeProvider time)
{
    /// <summary>Each choice is a database write and a broadcast to every tab on the site: plenty for a person.</summary>
    public const int ChangesPerMinute = 20;

    private readonly UserRateLimit changes = new(time, () => (ChangesPerMinute, TimeSpan.FromMinutes(1)));

    // Users whose live choice is already known here: restoring must never undo a newer choice.
    private readonly ConcurrentDictionary<string, bool> known = new(StringComparer.Ordinal);

    /// <summary>Saves the choice, then applies it to every tab of the user.</summary>
    public async Task<ChatError?> ChooseAsync(string userId, PresenceStatus status, CancellationToken ct = default)
    {
        if (!status.CanBeChosen())
        {
            return new ChatError(ChatErrorKind.Invalid, "That is not a status you can choose.");
        }
        if (!changes.TryAcquire(userId))
        {
            return new ChatError(ChatErrorKind.TooFast, "You are changing your status too often. Wait a minute and try again.");
        }
        known[userId] = true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.Users
            .Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.ChosenStatus, status == PresenceStatus.Online ? null : status), ct);
        if (saved == 0)
        {
            return new ChatError(ChatErrorKind.NotAllowed, "You are not allowed to do that.");
        }
        activity.ChooseStatus(userId, status);
        return null;
    }

    /// <summary>
    /// Before a user's tab is tracked: false if the account is gone or locked (the tab must not be shown at all);
    /// otherwise brings back the status they chose before this app started, once per user per process, so somebody
    /// who went invisible never flashes online.
    /// </summary>
    public async Task<bool> RestoreAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users
            .Where(u => u.Id == userId)
            .Select(u => new { u.ChosenStatus, u.LockReason, u.LockoutEnd })
            .SingleOrDefaultAsync(ct);
        if (account is null || (account.LockReason is not null && account.LockoutEnd > time.GetUtcNow()))
        {
            return false;
        }
        if (known.TryAdd(userId, true) && account.ChosenStatus is { } status && status.CanBeChosen())
        {
            presence.SetStatus(userId, status);
        }
        return true;
    }
}
