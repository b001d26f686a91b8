using System.Collections.Concurrent;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Events;
using ChatApp.Tests.Events;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Chat;

/// <summary>A tab watching a room hears edits and deletions in order with new messages, and those a gap lost.</summary>
public sealed class RoomMessageChangeWatchTests : IAsyncLifetime
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

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await chat.DisposeAsync();
    }

    private async Task<MessageView> SendAsync(string text) =>
        (await service.SendAsync(alice.Id, lobby.Id, Guid.NewGuid(), text)).Value!;

    [Fact]
    public async Task EditsAndDeletionsReachTheWatchingTabAfterTheMessagesTheyChange()
    {
        var heard = new ConcurrentQueue<string>();
        var four = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Hear(string what)
        {
            heard.Enqueue(what);
            if (heard.Count == 4)
            {
                four.TrySetResult();
            }
        }
        using var access = await service.OpenAsync(bob.Id, lobby.Id);
        using var watch = service.WatchRoom(access,
            m => { Hear($"new {m.Seq}: {m.Text}"); return Task.CompletedTask; },
            m => { Hear(m.Deleted ? $"deleted {m.Seq}" : $"edited {m.Seq}: {m.Text}"); return Task.CompletedTask; }).Value!;

        var one = await SendAsync("helo");
        await service.EditAsync(alice.Id, lobby.Id, one.Seq, "hello");
        var two = await SendAsync("oops");
        await service.DeleteAsync(alice.Id, lobby.Id, two.Seq);
        await four.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["new 1: helo", "edited 1: hello", "new 2: oops", "deleted 2"], heard);
    }

    [Fact]
    public async Task EditsAndDeletionsLostInAGapAreReadFromTheDatabaseAfterIt()
    {
        var first = await SendAsync("first");
        var second = await SendAsync("second");
        var changes = new ConcurrentDictionary<long, MessageView>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var access = await service.OpenAsync(bob.Id, lobby.Id);
        using var watch = service.WatchRoom(access, _ => Task.CompletedTask, m =>
        {
            if (m.EditedAt is not null || m.Deleted)
            {
                changes[m.Seq] = m;
            }
            if (changes.Count == 2)
            {
                both.TrySetResult();
            }
            return Task.CompletedTask;
        }).Value!;
        await service.GetHistoryAsync(access);

        bus.Disconnect();
        await service.EditAsync(alice.Id, lobby.Id, first.Seq, "first, edited");
        await service.DeleteAsync(alice.Id, lobby.Id, second.Seq);
        Assert.Empty(changes);
        bus.Reconnect();
        await both.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("first, edited", changes[first.Seq].Text);
        Assert.True(changes[second.Seq].Deleted);
    }
}
