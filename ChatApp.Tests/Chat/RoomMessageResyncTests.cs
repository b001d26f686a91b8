using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Tests.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat;

/// <summary>A tab watching a room over a bus that lost events: after the gap it has every message, each once.</summary>
public sealed class RoomMessageResyncTests : IAsyncLifetime
{
    private readonly ChatTestServices chat = new();
    private ServiceProvider provider = default!;
    private ReconnectingEventBus bus = default!;
    private ChatService service = default!;
    private ChatUser alice = default!;
    private ChatUser bob = default!;
    private Room lobby = default!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<ReconnectingEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<ReconnectingEventBus>());
        chat.AddTo(services);
        provider = services.BuildServiceProvider();
        await chat.InitializeAsync(provider);
        bus = provider.GetRequiredService<ReconnectingEventBus>();
        service = provider.GetRequiredService<ChatService>();
        alice = await ChatTestServices.CreateUserAsync(provider, "Alice");
        bob = await ChatTestServices.CreateUserAsync(provider, "Bob");
        lobby = await ChatTestServices.LobbyAsync(provider);
    }

    private async Task<(IDisposable Watch, Inbox Heard)> BobWatchesAsync(int roomId)
    {
        var heard = new Inbox();
        var watch = await service.WatchRoomAsync(bob.Id, roomId, heard.Add);
        Assert.True(watch.Succeeded);
        return (watch.Value!, heard);
    }

    private Task SendAsync(string text) => service.SendAsync(alice.Id, lobby.Id, Guid.NewGuid(), text);

    [Fact]
    public async Task MessagesLostWhileTheBusWasDownArriveFromTheDatabaseAfterTheGap()
    {
        var (watch, heard) = await BobWatchesAsync(lobby.Id);
        using var _ = watch;
        await SendAsync("before");

        bus.Disconnect();
        await SendAsync("lost one");
        await SendAsync("lost two");
        Assert.Equal(["before"], heard.Texts);

        bus.Reconnect();
        await heard.CountReachesAsync(3);
        await SendAsync("after");
        await heard.CountReachesAsync(4);

        Assert.Equal(["before", "lost one", "lost two", "after"], heard.Texts);
        Assert.Equal([1L, 2L, 3L, 4L], heard.Seqs);
    }

    [Fact]
    public async Task AGapBeforeAnyMessageWasHeardBringsTheNewestPage()
    {
        var (watch, heard) = await BobWatchesAsync(lobby.Id);
        using var _ = watch;
        bus.Disconnect();
        await SendAsync("missed");

        bus.Reconnect();
        await heard.CountReachesAsync(1);

        Assert.Equal(["missed"], heard.Texts);
    }

    [Fact]
    public async Task AGapAfterLosingTheRoomDeliversNothingAndEndsTheAccess()
    {
        var secret = await ChatTestServices.CreateRoomAsync(provider, "secret", isPrivate: true);
        await ChatTestServices.AddMemberAsync(provider, secret, bob);
        await ChatTestServices.AddMemberAsync(provider, secret, alice);
        using var access = await service.OpenAsync(bob.Id, secret.Id);
        var heard = new Inbox();
        using var watch = service.WatchRoom(access, heard.Add).Value!;
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        access.Revoked.Register(ended.SetResult);
        bus.Disconnect();
        await service.SendAsync(alice.Id, secret.Id, Guid.NewGuid(), "members only");
        // Locked while the bus was down: the event that would have revoked the access is lost.
        await ChatTestServices.LockAsync(provider, bob);

        bus.Reconnect();
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await service.SendAsync(alice.Id, secret.Id, Guid.NewGuid(), "later");

        Assert.Equal(RoomAccessEnd.AccountClosed, access.EndedBecause);
        Assert.Equal(0, provider.GetRequiredService<InProcessEventBus>().SubscriberCount<MessageSaved>(EventKey.Room(secret.Id)));
        Assert.Empty(heard.Texts);
    }

    /// <summary>What Bob's tab was handed, and a way to wait (bounded) until it holds so many.</summary>
    private sealed class Inbox
    {
        private readonly List<MessageView> messages = [];
        private readonly List<(int Count, TaskCompletionSource Reached)> waiters = [];

        public string[] Texts { get { lock (messages) { return [.. messages.Select(m => m.Text)]; } } }

        public long[] Seqs { get { lock (messages) { return [.. messages.Select(m => m.Seq)]; } } }

        public Task Add(MessageView message)
        {
            lock (messages)
            {
                messages.Add(message);
                foreach (var waiter in waiters.Where(w => messages.Count >= w.Count))
                {
                    waiter.Reached.TrySetResult();
                }
            }
            return Task.CompletedTask;
        }

        public Task CountReachesAsync(int count)
        {
            lock (messages)
            {
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (messages.Count >= count)
                {
                    reached.SetResult();
                }
                waiters.Add((count, reached));
                return reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await chat.DisposeAsync();
    }
}
