using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using Microsoft.Extensions.Hosting;

namespace ChatApp.Core.Sessions;

/// <summary>
/// A locked account's sessions end with the lock: its cookies already stopped working (the security stamp changed),
/// and now its devices also leave the sessions list and its open tabs hear that their session ended. (A closed
/// account's sessions go with it, by cascade.) From the administrative events on <see cref="EventKey.Admin"/>.
/// </summary>
internal sealed class SessionRevocations(IEventBus bus, SessionService sessions) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = bus.Subscribe<AccountChange>(EventKey.Admin, change =>
            change.Kind == AccountChangeKind.Locked ? sessions.EndOthersAsync(change.UserId, keepKey: null) : Task.CompletedTask);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
