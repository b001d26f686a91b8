using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatApp.Tests.Chat;

/// <summary>What a room open costs the database in Core, every part of the room included.</summary>
public sealed class RoomAccessQueriesTests : IAsyncLifetime
{
    /// <summary>One access check when the room opens, one page of history; the rest trusts the access.</summary>
    private const int QueriesPerRoomOpen = 2;

    private readonly ChatTestServices chat = new();
    private readonly QueryCounter queries = new();
    private ServiceProvider provider = default!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        chat.AddTo(services);
        services.AddSingleton<ILoggerProvider>(queries);
        provider = services.BuildServiceProvider();
        await chat.InitializeAsync(provider);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpeningAndUsingARoomRunsAFixedHandfulOfQueries(bool isPrivate)
    {
        var alice = await ChatTestServices.CreateUserAsync(provider, "Alice");
        var room = isPrivate ? await ChatTestServices.CreateRoomAsync(provider, "secret", isPrivate: true) : await ChatTestServices.LobbyAsync(provider);
        if (isPrivate)
        {
            await ChatTestServices.AddMemberAsync(provider, room, alice);
        }
        var service = provider.GetRequiredService<ChatService>();
        for (var i = 0; i < 5; i++)
        {
            await service.SendAsync(alice.Id, room.Id, Guid.NewGuid(), $"m{i}");
        }
        queries.Reset();

        using var access = (await service.OpenRoomAsync(alice.Id, room.Slug)).Value!;
        using var watch = service.WatchRoom(access, _ => Task.CompletedTask).Value!;
        var history = await service.GetHistoryAsync(access);
        Assert.Null(provider.GetRequiredService<RoomPresenceService>().Enter(access, "a1", new PresenceInfo("Alice")));
        using var presence = provider.GetRequiredService<RoomPresenceService>().Watch(access, _ => Task.CompletedTask).Value!;
        using var typing = provider.GetRequiredService<TypingService>().Subscribe(access, _ => { }).Value!;
        Assert.Null(provider.GetRequiredService<TypingService>().SignalTyping(access));

        Assert.Equal(5, history.Value!.Messages.Count);
        Assert.Equal(QueriesPerRoomOpen, queries.Count);
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await chat.DisposeAsync();
    }
}
