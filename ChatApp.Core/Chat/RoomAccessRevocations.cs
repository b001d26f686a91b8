using ChatApp.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatApp.Core.Chat;

/// <summary>
/// The one place that takes room access away on this node: it revokes the live <see cref="RoomAccess"/>es the
/// administrative events on <see cref="EventKey.Admin"/> close (the holders — message watch, presence, typing, the
/// view — react to the revocation themselves). Runs on every node. After a gap on those events (some may have been
/// lost) it checks every live access again in the database and revokes those that no longer hold.
/// </summary>
internal sealed class RoomAccessRevocations(
    IEventBus bus, RoomAccessRegistry registry, ChatService chat, ILogger<RoomAccessRevocations> logger) : IHostedService
{
    private IDisposable? accounts;
    private IDisposable? rooms;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        accounts = bus.Subscribe<AccountChange>(EventKey.Admin, change =>
        {
            if (change.Kind is AccountChangeKind.Locked or AccountChangeKind.Deleted)
            {
                registry.RevokeUser(change.UserId, RoomAccessEnd.AccountClosed);
            }
            else if (change.RoomsLost is { Count: > 0 } lost)
            {
                registry.RevokeUser(change.UserId, RoomAccessEnd.AccessLost, lost);
            }
            return Task.CompletedTask;
        }, ReverifyAsync);
        rooms = bus.Subscribe<RoomChange>(EventKey.Admin, change =>
        {
            if (change.Kind == RoomChangeKind.Deleted)
            {
                registry.RevokeRoom(change.RoomId, RoomAccessEnd.RoomDeleted);
            }
            else if (change is { Kind: RoomChangeKind.MemberRemoved, AccessLost: true, UserId: { } userId })
            {
                registry.RevokeUser(userId, RoomAccessEnd.AccessLost, [change.RoomId]);
            }
            return Task.CompletedTask;
        }, ReverifyAsync);
        return Task.CompletedTask;
    }

    /// <summary>Revocations may have been lost: every live access is checked again, as a fresh open would.</summary>
    private async Task ReverifyAsync()
    {
        registry.BeginRevocation();
        foreach (var access in registry.Live())
        {
            try
            {
                if (await chat.CheckAgainAsync(access) is { } lost)
                {
                    registry.End(access, lost);
                }
            }
            catch (Exception ex)
            {
                // Left as it is: sending still checks the database, and the next gap or event tries again.
                logger.LogWarning(ex, "Checking {Access} again after a gap failed", access);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        accounts?.Dispose();
        rooms?.Dispose();
        return Task.CompletedTask;
    }
}
