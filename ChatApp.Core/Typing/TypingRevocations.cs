using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using Microsoft.Extensions.Hosting;

namespace ChatApp.Core.Typing;

/// <summary>
/// Someone who lost a room stops showing as typing in it at once (instead of after the expiry): an account locked
/// or closed, a member removed from a private room, an administrator revoked, a room deleted. Runs on every node,
/// from the administrative events on <see cref="EventKey.Admin"/>.
/// </summary>
internal sealed class TypingRevocations(IEventBus bus, TypingService typing) : IHostedService
{
    private IDisposable? accounts;
    private IDisposable? rooms;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        accounts = bus.Subscribe<AccountChange>(EventKey.Admin, change =>
        {
            if (change.Kind is AccountChangeKind.Locked or AccountChangeKind.Deleted)
            {
                typing.StopTypingEverywhere(change.UserId);
            }
            else if (change.RoomsLost is { Count: > 0 } lost)
            {
                typing.StopTyping(change.UserId, lost);
            }
            return Task.CompletedTask;
        });
        rooms = bus.Subscribe<RoomChange>(EventKey.Admin, change =>
        {
            if (change.Kind == RoomChangeKind.Deleted)
            {
                typing.CloseRoom(change.RoomId);
            }
            else if (change is { Kind: RoomChangeKind.MemberRemoved, AccessLost: true, UserId: { } userId })
            {
                typing.StopTyping(userId, change.RoomId);
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
