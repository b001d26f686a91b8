using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat;

/// <summary>
/// Pub/sub is at most once: a room view knows the next message number it expects and reads a hole from the database,
/// so it shows no message twice and skips none, whatever the bus loses or repeats.
/// </summary>
public sealed class RoomMessageGapTests : IAsyncLifetime
{
    private readonly ChatTestServices chat = new();
    private ServiceProvider provider = default!;
    private LossyEventBus bus = default!;
    private ChatService service = default!;
    private ChatUser alice = default!;
    private ChatUser bob = default!;
    private Room lobby = default!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<LossyEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<LossyEventBus>());
        chat.AddTo(services);
        provider = services.BuildServiceProvider();
        await chat.InitializeAsync(provider);
        bus = provider.GetRequiredService<LossyEventBus>();
        service = provider.GetRequiredService<ChatService>();
        alice = await ChatTestServices.CreateUserAsync(provider, "Alice");
        bob = await ChatTestServices.CreateUserAsync(provider, "Bob");
        lobby = await ChatTestServices.LobbyAsync(provider);
        // The concurrency test sends more than one window's worth.
        chat.Options.SendLimitCount = 1000;
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await chat.DisposeAsync();
    }

    private async Task<MessageView> SendAsync(string text)
    {
        var sent = await service.SendAsync(alice.Id, lobby.Id, Guid.NewGuid(), text);
        Assert.True(sent.Succeeded, sent.Error?.Message);
        return sent.Value!;
    }

    [Fact]
    public async Task AMessageLostOnTheBusIsReadFromTheDatabaseBeforeTheOneAfterIt()
    {
        using var access = await service.OpenAsync(bob.Id, lobby.Id);
        var heard = new Heard();
        using var watch = new RoomMessageWatch(service, access, heard.Add);
        await watch.HistoryShownAsync(0);
        var one = await SendAsync("one");
        await SendAsync("two");
        var three = await SendAsync("three");

        await watch.OnSavedAsync(new MessageSaved(one));
        await watch.OnSavedAsync(new MessageSaved(three));

        Assert.Equal(["one", "two", "three"], heard.Texts);
        Assert.Equal([1L, 2L, 3L], heard.Seqs);
    }

    [Fact]
    public async Task ARepeatedOrOlderMessageIsNotShownAgain()
    {
        using var access = await service.OpenAsync(bob.Id, lobby.Id);
        var heard = new Heard();
        using var watch = new RoomMessageWatch(service, access, heard.Add);
        await watch.HistoryShownAsync(0);
        var one = await SendAsync("one");
        var two = await SendAsync("two");

        await watch.OnSavedAsync(new MessageSaved(one));
        await watch.OnSavedAsync(new MessageSaved(two));
        await watch.OnSavedAsync(new MessageSaved(one));
        await watch.OnSavedAsync(new MessageSaved(two));
        await watch.ResyncAsync();

        Assert.Equal([1L, 2L], heard.Seqs);
    }

    [Fact]
    public async Task AMessageLostRightAfterTheRoomOpenedIsFilledInFromItsHistory()
    {
        await SendAsync("in the history");
        using var access = await service.OpenAsync(bob.Id, lobby.Id);
        var heard = new Heard();
        using var subscription = service.WatchRoom(access, heard.Add).Value!;
        var history = await service.GetHistoryAsync(access);
        Assert.Equal(["in the history"], history.Value!.Messages.Select(m => m.Text));

        bus.DropNext(1);
        await SendAsync("lost on the bus");
        await SendAsync("heard");
        await heard.CountReachesAsync(2);

        Assert.Equal(["lost on the bus", "heard"], heard.Texts);
        Assert.Equal([2L, 3L], heard.Seqs);
    }

    [Fact]
    public async Task AMessageLostBeforeTheHistoryArrivedIsHandedOverWhenItDoes()
    {
        await SendAsync("in the history");
        using var access = await service.OpenAsync(bob.Id, lobby.Id);
        var heard = new Heard();
        using var watch = new RoomMessageWatch(service, access, heard.Add);
        await SendAsync("saved after the page was read, lost on the bus");
        var live = await SendAsync("live, before the page reached the watch");

        await watch.OnSavedAsync(new MessageSaved(live));
        await watch.HistoryShownAsync(1);
        await watch.OnSavedAsync(new MessageSaved(live));

        // The view places messages by number: the filled-in one lands before the live one.
        Assert.Equal([3L, 2L], heard.Seqs);
    }

    [Fact]
    public async Task NothingIsHandedOverAfterTheViewStoppedWatching()
    {
        using var access = await service.OpenAsync(bob.Id, lobby.Id);
        var heard = new Heard();
        var subscription = service.WatchRoom(access, heard.Add).Value!;
        await service.GetHistoryAsync(access);
        await SendAsync("seen");
        await heard.CountReachesAsync(1);
        subscription.Dispose();

        await SendAsync("after closing");
        await service.GetHistoryAsync(access);

        Assert.Equal(["seen"], heard.Texts);
    }

    [Fact]
    public async Task EventsAndResyncsRacingFromManyThreadsHandOverEveryMessageOnceInOrder()
    {
        using var access = await service.OpenAsync(bob.Id, lobby.Id);
        var heard = new Heard();
        using var watch = new RoomMessageWatch(service, access, heard.Add);
        await watch.HistoryShownAsync(0);
        var sent = new List<MessageView>();
        for (var i = 1; i <= 40; i++)
        {
            sent.Add(await SendAsync($"m{i}"));
        }

        // The bus never does this (one callback at a time per subscriber): the watch holds without relying on it.
        var shuffled = sent.Concat(sent).OrderBy(_ => Random.Shared.Next()).ToList();
        await Task.WhenAll(shuffled.Select((m, i) => Task.Run(async () =>
        {
            await watch.OnSavedAsync(new MessageSaved(m));
            if (i % 10 == 0)
            {
                await watch.ResyncAsync();
            }
        })));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), heard.Seqs);
    }

    /// <summary>Forwards to the in-process bus, losing the next few messages without a word, as pub/sub may.</summary>
    private sealed class LossyEventBus(InProcessEventBus inner) : IEventBus
    {
        private int toDrop;

        public void DropNext(int count) => Volatile.Write(ref toDrop, count);

        public void Publish(EventKey key, ChatEvent @event)
        {
            if (@event is MessageSaved && Interlocked.Decrement(ref toDrop) >= 0)
            {
                return;
            }
            inner.Publish(key, @event);
        }

        public IDisposable Subscribe<TEvent>(EventKey key, Func<TEvent, Task> onEvent, Func<Task>? onGap = null) where TEvent : ChatEvent =>
            inner.Subscribe(key, onEvent, onGap);

        public IDisposable Observe<TEvent>(Action<EventKey, TEvent> onEvent, Action<EventKey> onGap) where TEvent : ChatEvent =>
            inner.Observe(onEvent, onGap);
    }

    /// <summary>What Bob's view was handed, and a bounded wait until it holds so many.</summary>
    private sealed class Heard
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
}
