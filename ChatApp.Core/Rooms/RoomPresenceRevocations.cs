using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using Microsoft.Extensions.Hosting;

namespace ChatApp.Core.Rooms;

/// <summary>
/// A locked or closed account leaves the site's online list at once (the rooms' lists are left through the
/// revocation of its <see cref="RoomAccess"/>es, see <see cref="RoomAccessRevocations"/>; the site topic is no
/// room, so nothing holds an access to it). Runs on every node, from <see cref="EventKey.Admin"/>.
/// </summary>
internal sealed class RoomPresenceRevocations(IEventBus bus, RoomPresenceService roomPresence) : IHostedService
{
    private IDisposable? accounts;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        accounts = bus.Subscribe<AccountChange>(EventKey.Admin, change =>
        {
            if (change.Kind is AccountChangeKind.Locked or AccountChangeKind.Deleted)
            {
                roomPresence.EvictEverywhere(change.UserId);
            }
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        accounts?.Dispose();
        return Task.CompletedTask;
    }
}
