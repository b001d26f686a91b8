using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using Microsoft.Extensions.Hosting;

namespace ChatApp.Core.Rooms;

/// <summary>
/// Someone who lost access leaves the online lists at once, without the leave debounce (that is for reloads): an
/// account locked or closed leaves every topic, a member removed from a private room or an administrator revoked
/// leaves the rooms they lost, a deleted room empties. Runs on every node (each evicts its own tabs), from the
/// administrative events on <see cref="EventKey.Admin"/>. Lives next to <see cref="RoomPresenceService"/>, whose
/// eviction API it calls.
/// </summary>
internal sealed class RoomPresenceRevocations(IEventBus bus, RoomPresenceService roomPresence) : IHostedService
{
    private IDisposable? accounts;
    private IDisposable? rooms;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        accounts = bus.Subscribe<AccountChange>(EventKey.Admin, change =>
        {
            if (change.Kind is AccountChangeKind.Locked or AccountChangeKind.Deleted)
            {
                roomPresence.EvictEverywhere(change.UserId);
            }
            else if (change.RoomsLost is { Count: > 0 } lost)
            {
                roomPresence.EvictFromRooms(lost, change.UserId);
            }
            return Task.CompletedTask;
        });
        rooms = bus.Subscribe<RoomChange>(EventKey.Admin, change =>
        {
            if (change.Kind == RoomChangeKind.Deleted)
            {
                roomPresence.CloseRoom(change.RoomId);
            }
            else if (change is { Kind: RoomChangeKind.MemberRemoved, AccessLost: true, UserId: { } userId })
            {
                roomPresence.EvictFromRoom(change.RoomId, userId);
            }
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        accounts?.Dispose();
        rooms?.Dispose();
        return Task.CompletedTask;
    }
}
